import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

// PDFs in the DSFR's Marianne font: it has the French characters the PDF standard fonts lack —
// accents, œ, « », ’, €, the no-break space U+00A0 — but not the narrow no-break space U+202F that
// Intl writes in French numbers (replace it before drawing). The files come with
// @codegouvfr/react-dsfr (the same ones public/dsfr/fonts serves to browsers).
const fontsDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@codegouvfr/react-dsfr/package.json')), 'dsfr', 'fonts');

export const marianneFonts = {
  regular: path.join(fontsDir, 'Marianne-Regular.woff'),
  bold: path.join(fontsDir, 'Marianne-Bold.woff'),
  italic: path.join(fontsDir, 'Marianne-Regular_Italic.woff'),
} as const;

/**
 * A WOFF 1.0 font as the TrueType/OpenType file it wraps, its tables inflated with zlib. fontkit
 * reads WOFF itself but inflates a table (in JavaScript) each time it reads it: 2 s of a 2-page PDF
 * went there (bench/spaser-exports.ts), against a few milliseconds once here.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : raw };
  });
  const log2 = Math.floor(Math.log2(numTables));
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(2 ** log2 * 16, 6);
  header.writeUInt16BE(log2, 8);
  header.writeUInt16BE(numTables * 16 - 2 ** log2 * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    header.writeUInt32BE(t.tag, 12 + i * 16);
    header.writeUInt32BE(t.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(t.data.length, 24 + i * 16);
    const padded = Buffer.alloc(Math.ceil(t.data.length / 4) * 4);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

type Run = { glyphs: unknown[]; positions: Array<Record<string, number>> };
type Font = { layout(text: string, features?: unknown): Run };

// fontkit (with its dependencies, ~0.4 s of module loading) and pdfkit are loaded by the first PDF,
// never at process start: the modules that draw PDFs are imported by services every process loads.
let fontkit: typeof import('fontkit') | undefined;

/** pdfkit's document class, loaded on first use together with the fontkit that `marianneBuffer` needs. */
export async function loadPdfKit() {
  const [pdfkit, loaded] = await Promise.all([import('pdfkit'), import('fontkit')]);
  fontkit = loaded;
  return pdfkit.default;
}

// Laid-out words kept per font across documents, up to this many (then the cache starts again).
const LAYOUT_CACHE_SIZE = 50_000;

/**
 * A font opened once per process and shared by every PDF: fontkit keeps the tables it has decoded
 * and the glyphs it has read, which each document would decode again. pdfkit lays text out word by
 * word and caches words per document only; shaping a word (fontkit, GSUB/GPOS) is most of a PDF's
 * time, so the words' layouts are kept here for all documents. pdfkit scales a run's positions in
 * place: each call hands out a copy.
 */
function sharedFont(file: string): Font {
  if (!fontkit) throw new Error('marianneBuffer before loadPdfKit: call loadPdfKit() first');
  const font = fontkit.create(woffToSfnt(readFileSync(file))) as unknown as Font;
  let cache = new Map<string, Run>();
  const layout = (text: string, features?: unknown): Run => {
    let run = features ? undefined : cache.get(text);
    if (!run) {
      run = font.layout(text, features);
      if (features) return run;
      if (cache.size >= LAYOUT_CACHE_SIZE) cache = new Map();
      cache.set(text, { glyphs: run.glyphs, positions: run.positions.map((p) => ({ ...p })) });
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      // fontkit's GlyphRun computes it from the positions, as pdfkit reads it after scaling them.
      get advanceWidth() {
        return positions.reduce((w, p) => w + (p.xAdvance ?? 0), 0);
      },
    } as Run;
  };
  // Everything else (metrics, subsets for embedding) is the fontkit font's own.
  return Object.create(font, { layout: { value: layout } }) as Font;
}

const opened = new Map<string, Font>();
const fontData = (file: string) => opened.get(file) ?? opened.set(file, sharedFont(file)).get(file)!;

/**
 * Registers Marianne as the fonts `regular`, `bold` and `italic`, and resolves with the PDF's bytes
 * once `doc.end()` is called.
 */
export function marianneBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  // The name is given as the family too: pdfkit restores a table cell's font by its source and
  // family, and finds it in its cache by the family (without it, it opens the font again and
  // compares it with the open ones — 1.5 s of a large PDF).
  for (const [name, file] of Object.entries(marianneFonts)) doc.registerFont(name, fontData(file) as unknown as Buffer, name);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
