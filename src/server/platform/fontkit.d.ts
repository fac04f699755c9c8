// fontkit ships no types (pdfkit's own dependency, used directly by platform/pdf.ts): the one
// function the platform calls, typed loosely; pdfkit reads the font it returns.
declare module 'fontkit' {
  export function create(buffer: Buffer): unknown;
}
