import { stringify } from 'csv-stringify/sync';

/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first):
 * members write titles and names, so a cell like `=HYPERLINK(…)` must open as text (OWASP "CSV
 * injection"). Numbers stay numbers; only strings are neutralised, with a leading apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const safeCell = (v: unknown) => (typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v);

/**
 * A CSV file as spreadsheet software in France opens it without an import dialog: UTF-8 with a BOM
 * (so accents survive), `;` between fields (`,` is the decimal separator) and CRLF line ends.
 */
export function spreadsheetCsv(rows: unknown[][]): string {
  return stringify(
    rows.map((r) => r.map(safeCell)),
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a bare line feed,
    // which spreadsheets read as a new row: any line break is quoted.
    { bom: true, delimiter: ';', record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}
