// Text extraction, format by format. Plain JavaScript on purpose: this module runs in the
// extraction child process (extraction.child.mjs), which starts without tsx's loader (tsx would
// transform pdfjs and mammoth on every start: 4× the CPU and 3× the memory of a plain start).
// Types: extractors.d.mts. Limits and problems: limits.ts.
// yauzl is loaded with the first zip checked: the server imports this module at start (for
// extractableKinds) and must not pay for it there (docs/performance.md, start to ready).

const zipKinds = new Set(['docx', 'xlsx', 'odt']);

class ZipLimit extends Error {
  constructor(problem, detail) {
    super(detail);
    this.problem = problem;
  }
}

const openZip = async (data) => {
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
};

/**
 * Checks a zip-based file before anything inflates it: the entry count and the declared
 * uncompressed sizes come from the central directory (nothing is decompressed for that); then
 * every entry is inflated as a stream and thrown away, so an entry that expands beyond what it
 * declares is caught (yauzl's validateEntrySizes) with a bounded buffer, before the format's
 * library inflates it in memory. Returns null when the file is within the limits.
 */
export async function checkZip(data, limits) {
  let zip;
  try {
    zip = await openZip(data);
  } catch (e) {
    return { problem: 'damaged', detail: e.message };
  }
  try {
    if (zip.entryCount > limits.zipMaxEntries) throw new ZipLimit('zip_entries', `${zip.entryCount} entries`);
    const entries = [];
    let declared = 0;
    await new Promise((resolve, reject) => {
      zip.on('entry', (entry) => {
        declared += entry.uncompressedSize;
        if (declared > limits.zipMaxUncompressedBytes) return reject(new ZipLimit('zip_uncompressed', `${declared} bytes declared`));
        entries.push(entry);
        zip.readEntry();
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const stream = await new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
      try {
        // Thrown away: only yauzl's size check matters here.
        for await (const _chunk of stream);
      } catch (e) {
        throw new ZipLimit('zip_inconsistent', `${entry.fileName}: ${e.message}`);
      }
    }
    return null;
  } catch (e) {
    if (e instanceof ZipLimit) return { problem: e.problem, detail: e.message };
    return { problem: 'damaged', detail: e.message };
  } finally {
    zip.close();
  }
}

/** The text of every page of a PDF (pdfjs-dist, legacy build for Node), read until `maxChars`; throws on an unreadable PDF. */
export async function pdfText(data, maxChars) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages = [];
    let length = 0;
    for (let i = 1; i <= doc.numPages && length < maxChars; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
      pages.push(text);
      length += text.length;
      page.cleanup();
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}

/** The raw text of a DOCX (mammoth); throws on an unreadable file. Call checkZip first. */
export async function docxText(data) {
  const mammoth = await import('mammoth');
  return (await mammoth.default.extractRawText({ buffer: data })).value;
}

/** One extractor per format; a new format is one line here (zip-based ones also in zipKinds). */
const extractors = {
  pdf: (data, limits) => pdfText(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), limits.maxChars),
  docx: (data) => docxText(data),
};

/** The formats whose text the platform extracts. */
export const extractableKinds = Object.keys(extractors);

/** Normalised text: no NUL (PostgreSQL text refuses it), runs of blanks folded, capped. */
export function cleanText(raw, maxChars) {
  const text = raw.replace(/\u0000/g, '').replace(/[ \t]+/g, ' ').trim();
  return { text: text.slice(0, maxChars), truncated: text.length > maxChars };
}

/** Extracts the text of a file's bytes within the limits (memory and time are the process's business). */
export async function extractFromBytes(kind, data, limits) {
  const extractor = extractors[kind];
  if (!extractor) return { ok: false, problem: 'damaged', detail: `no extractor for ${kind}`, pid: process.pid };
  if (zipKinds.has(kind)) {
    const refused = await checkZip(data, limits);
    if (refused) return { ok: false, ...refused, pid: process.pid };
  }
  try {
    return { ok: true, ...cleanText(await extractor(data, limits), limits.maxChars), pid: process.pid };
  } catch (e) {
    return { ok: false, problem: 'damaged', detail: e instanceof Error ? e.message : String(e), pid: process.pid };
  }
}
