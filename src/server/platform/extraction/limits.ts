/**
 * The limits and outcomes of text extraction. The extraction itself (extractors.mjs) runs in a
 * child process of its own (extraction.ts), never in the server's process: a hostile file may make
 * a library allocate gigabytes or spin for minutes, and only a process of its own can be capped
 * and killed (docs/security.md, « Fichiers déposés et tâches »).
 */

/** Why a file's text could not be extracted; each has a French reason in the module that shows it. */
export const extractionProblems = [
  // The format's library refused the bytes (damaged, protected, not what it claims).
  'damaged',
  // Zip-based (Office) file with more entries than allowed, seen in its central directory.
  'zip_entries',
  // Zip-based file that would expand beyond the allowed size, from the sizes its directory declares.
  'zip_uncompressed',
  // Zip-based file whose entries inflate to more than they declare (a forged directory).
  'zip_inconsistent',
  // The extraction ran longer than allowed and was killed.
  'timeout',
  // The extraction needed more memory than allowed and its process died.
  'memory',
  // The extraction process died for another reason.
  'crashed',
  // The stored file is gone.
  'missing',
  // The job extracting it was interrupted by server crashes too many times (platform/jobs.ts).
  'interrupted',
] as const;
export type ExtractionProblem = (typeof extractionProblems)[number];

export type ExtractionLimits = {
  /** Wall-clock time of one extraction, process start included; then the process is killed. */
  timeoutMs: number;
  /** V8 heap of the extraction process (--max-old-space-size), in MB. */
  maxMemoryMb: number;
  /** Characters of text kept; the rest of the document is not read (PDF) or dropped. */
  maxChars: number;
  /** Entries of a zip-based file (DOCX, XLSX, ODT), read from its central directory. */
  zipMaxEntries: number;
  /** Sum of the uncompressed sizes of a zip-based file's entries, in bytes. */
  zipMaxUncompressedBytes: number;
};

/**
 * Limits of the platform. A DOCX at the default upload limit (20 MB) made of images expands to
 * about its own size, so 40 MB expanded leaves room for real documents while refusing the 50 MB
 * `word/document.xml` of issue 11 before it is inflated; the text kept is the search's own cap
 * (library FILES_TEXT_CAP). mammoth needs between 256 and 512 MB of heap for a DOCX of 100,000
 * paragraphs (4 MB of XML, measured for bench/extraction.ts), and pdfjs far less for the 10 MB PDF
 * of bench/library.ts: 512 MB reads real documents and stops the hostile ones.
 */
export const defaultExtractionLimits: ExtractionLimits = {
  timeoutMs: 60_000,
  maxMemoryMb: 512,
  maxChars: 200_000,
  zipMaxEntries: 1_000,
  zipMaxUncompressedBytes: 40 * 1024 * 1024,
};

export type ExtractionOutcome =
  | { ok: true; text: string; truncated: boolean; pid: number }
  | { ok: false; problem: ExtractionProblem; detail?: string; pid?: number };
