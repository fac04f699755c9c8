// Entry of the extraction child process (started by extraction.ts, never imported): reads the
// file's bytes on stdin, extracts its text, sends the outcome over IPC, exits. The parent caps its
// heap (--max-old-space-size) and kills it when it runs too long.
import { extractFromBytes } from './extractors.mjs';

const [kind, limitsJson] = process.argv.slice(2);
const limits = JSON.parse(limitsJson);

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const outcome = await extractFromBytes(kind, Buffer.concat(chunks), limits);
process.send(outcome, () => process.exit(0));
