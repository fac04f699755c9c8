import { stringify } from 'csv-stringify/sync';

/**
 * A CSV file as spreadsheet software in France opens it without an import dialog: UTF-8 with a BOM
 * (so accents survive), `;` between fields (`,` is the decimal separator) and CRLF line ends.
 */
export function spreadsheetCsv(rows: unknown[][]): string {
  return stringify(rows, { bom: true, delimiter: ';', record_delimiter: 'windows' });
}
