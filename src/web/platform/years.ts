// Series over calendar years, for the charts and their tables: a year without data is a gap to mark,
// never a year to skip (2019 → 2022 would read as consecutive), and a share whose data cannot say
// (no contract informed the field: 0 % completeness) is « non renseigné », never a 0 % bar.

/** Every calendar year from the smallest to the largest given, ascending; none when none is given. */
export function yearRange(years: Iterable<number>): number[] {
  const list = [...years];
  if (!list.length) return [];
  const first = Math.min(...list);
  const last = Math.max(...list);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** One year of a series: a value, no data at all for that year, or data that does not inform the value. */
export type YearCell = { year: number; kind: 'value'; value: number } | { year: number; kind: 'missing' } | { year: number; kind: 'notInformed' };

/**
 * The continuous years of `items` (undated ones left out), each with its value: `missing` when no item
 * has that year, `notInformed` when the item's value is null or its completeness is 0.
 */
export function yearCells<T>(items: readonly T[], yearOf: (item: T) => number | null, read: (item: T) => { value: number | null; completeness?: number | null }): YearCell[] {
  const byYear = new Map<number, T>();
  for (const item of items) {
    const year = yearOf(item);
    if (year !== null && !byYear.has(year)) byYear.set(year, item);
  }
  return yearRange(byYear.keys()).map((year): YearCell => {
    const item = byYear.get(year);
    if (item === undefined) return { year, kind: 'missing' };
    const { value, completeness } = read(item);
    if (value === null || completeness === 0) return { year, kind: 'notInformed' };
    return { year, kind: 'value', value };
  });
}

/** The years of a continuous range that have no item: the gaps to name under a chart. */
export function missingYears(cells: readonly { year: number; kind: string }[]): number[] {
  return cells.filter((c) => c.kind === 'missing').map((c) => c.year);
}
