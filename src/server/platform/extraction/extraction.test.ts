import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeDocx, makeHostileDocx, makePdf } from '../../../../tests/helpers/documents.js';
import { extractText } from './extraction.js';
import { defaultExtractionLimits } from './limits.js';

// Issue 11, item 1: text extraction runs in a child process of its own, within limits of memory,
// time, characters, and (for Office files) entries and expanded size read before inflating.
const run = (kind: string, data: Buffer, limits = defaultExtractionLimits) => extractText(kind, Readable.from([data]), limits);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('extraction in a child process', () => {
  it('item 1: extracts a DOCX and a PDF in another process, which is gone afterwards', async () => {
    const docx = await run('docx', await makeDocx(['Clause de réemploi du mobilier.', 'Deuxième paragraphe.']));
    expect(docx).toMatchObject({ ok: true, text: 'Clause de réemploi du mobilier.\n\nDeuxième paragraphe.', truncated: false });
    const pdf = await run('pdf', await makePdf(['Cahier des charges']));
    expect(pdf).toMatchObject({ ok: true, text: 'Cahier des charges' });
    for (const outcome of [docx, pdf]) {
      expect(outcome.pid).toBeGreaterThan(0);
      expect(outcome.pid).not.toBe(process.pid);
      expect(alive(outcome.pid!)).toBe(false);
    }
  });

  it('item 1: keeps at most maxChars characters of text', async () => {
    const outcome = await run('docx', await makeDocx(['abcdefghij', 'klmnop']), { ...defaultExtractionLimits, maxChars: 12 });
    // "abcdefghij\n\nklmnop" cut after 12 characters.
    expect(outcome).toMatchObject({ ok: true, text: 'abcdefghij\n\n', truncated: true });
  });

  it('item 1: refuses an Office file from its central directory: 50 MB declared, more than 1 000 entries', async () => {
    const bomb = await makeHostileDocx({ paragraphs: 1, runLength: 50 * 2 ** 20 });
    expect(bomb.length).toBeLessThan(200_000);
    expect(await run('docx', bomb)).toMatchObject({ ok: false, problem: 'zip_uncompressed' });
    // makeDocx's own entries plus 1 001 empty ones: above the 1 000 allowed.
    expect(await run('docx', await makeHostileDocx({ paragraphs: 1, runLength: 10, extraEntries: 1001 }))).toMatchObject({ ok: false, problem: 'zip_entries' });
  });

  it('item 1: refuses an Office file whose entry inflates beyond the size it declares (forged headers)', async () => {
    const liar = await makeHostileDocx({ paragraphs: 1, runLength: 50 * 2 ** 20, declaredBytes: 1000 });
    expect(await run('docx', liar)).toMatchObject({ ok: false, problem: 'zip_inconsistent' });
  });

  it('item 1: a damaged file is « damaged », not an error of the caller', async () => {
    expect(await run('pdf', Buffer.from('%PDF-1.7\nceci n’est pas un PDF'))).toMatchObject({ ok: false, problem: 'damaged' });
    expect(await run('docx', Buffer.from('PK\u0003\u0004 tronqué'))).toMatchObject({ ok: false, problem: 'damaged' });
  });

  it('item 1: an extraction over its memory cap dies alone; one over its time is killed', async () => {
    // 100 000 paragraphs (about 4 MB of XML, far below the zip limits): mammoth needs far more
    // than a 64 MB heap for it, while a small DOCX is read within the same cap.
    const heavy = await makeHostileDocx({ paragraphs: 100_000, runLength: 20 });
    const small = { ...defaultExtractionLimits, maxMemoryMb: 64 };
    expect(await run('docx', await makeDocx(['Petit document.']), small)).toMatchObject({ ok: true, text: 'Petit document.' });
    const memory = await run('docx', heavy, small);
    expect(memory).toMatchObject({ ok: false, problem: 'memory' });
    // Reading that XML takes mammoth seconds: 200 ms is over before it is done.
    const slow = await run('docx', heavy, { ...defaultExtractionLimits, maxMemoryMb: 2048, timeoutMs: 200 });
    expect(slow).toMatchObject({ ok: false, problem: 'timeout' });
    expect(alive(slow.pid!)).toBe(false);
  });
});
