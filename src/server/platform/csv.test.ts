import { describe, expect, it } from 'vitest';
import { spreadsheetCsv } from './csv.js';

describe('spreadsheetCsv', () => {
  it('writes UTF-8 with a BOM, ";" separators, CRLF line ends and quotes only where needed', () => {
    const csv = spreadsheetCsv([
      ['Titre', 'Votes'],
      ['Clause « insertion »; lot 2', 3],
      ['Il a dit "oui"', 0],
      ['deux\nlignes', 1],
    ]);
    expect(csv).toBe('\uFEFFTitre;Votes\r\n"Clause « insertion »; lot 2";3\r\n"Il a dit ""oui""";0\r\n"deux\nlignes";1\r\n');
  });

  it('opens text that looks like a formula as text, and leaves numbers alone', () => {
    const csv = spreadsheetCsv([['=HYPERLINK("http://x")', '+33 1 23', '-moins', '@SOMME', 'a=b', -5]]);
    expect(csv).toBe('\uFEFF"\'=HYPERLINK(""http://x"")";\'+33 1 23;\'-moins;\'@SOMME;a=b;-5\r\n');
  });
});
