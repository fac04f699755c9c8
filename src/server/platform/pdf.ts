import { createRequire } from 'node:module';
import path from 'node:path';

// PDFs in the DSFR's Marianne font (pdfkit reads its .woff through fontkit): it has the French
// characters the PDF standard fonts lack — accents, œ, « », ’, €, the no-break space U+00A0 — but
// not the narrow no-break space U+202F that Intl writes in French numbers (replace it before drawing).
// The files come with @codegouvfr/react-dsfr (the same ones public/dsfr/fonts serves to browsers).
const fontsDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@codegouvfr/react-dsfr/package.json')), 'dsfr', 'fonts');

export const marianneFonts = {
  regular: path.join(fontsDir, 'Marianne-Regular.woff'),
  bold: path.join(fontsDir, 'Marianne-Bold.woff'),
  italic: path.join(fontsDir, 'Marianne-Regular_Italic.woff'),
} as const;

/**
 * Registers Marianne as the fonts `regular`, `bold` and `italic`, and resolves with the PDF's bytes
 * once `doc.end()` is called.
 */
export function marianneBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  for (const [name, file] of Object.entries(marianneFonts)) doc.registerFont(name, file);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
