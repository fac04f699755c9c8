import { describe, expect, it } from 'vitest';
import { missingYears, yearCells, yearRange } from './years';

type Row = { year: number | null; share: number | null; completeness: number | null };
const row = (year: number | null, share: number | null, completeness: number | null): Row => ({ year, share, completeness });
const read = (r: Row) => ({ value: r.share, completeness: r.completeness });

describe('item 6: yearRange', () => {
  it('fills every year between the first and the last, ascending, whatever the order given', () => {
    expect(yearRange([2022, 2019, 2024])).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
  });
  it('gives one year for one, none for none', () => {
    expect(yearRange([2023])).toEqual([2023]);
    expect(yearRange([])).toEqual([]);
  });
});

describe('item 6: yearCells', () => {
  it('marks 2020 and 2021 missing between 2019 and 2022 instead of skipping them', () => {
    const cells = yearCells([row(2019, 0.1, 0.8), row(2022, 0.25, 1)], (r) => r.year, read);
    expect(cells).toEqual([
      { year: 2019, kind: 'value', value: 0.1 },
      { year: 2020, kind: 'missing' },
      { year: 2021, kind: 'missing' },
      { year: 2022, kind: 'value', value: 0.25 },
    ]);
    expect(missingYears(cells)).toEqual([2020, 2021]);
  });

  it('says « not informed » for a 0 % completeness, even when the share computed is 0', () => {
    // 2023: 12 contracts, none says whether it has a social consideration: share 0 of all, completeness 0.
    const cells = yearCells([row(2023, 0, 0), row(2024, 0, 0.5), row(2025, null, null)], (r) => r.year, read);
    expect(cells).toEqual([
      { year: 2023, kind: 'notInformed' },
      // 2024: half of the contracts informed, none positive: a true 0 %.
      { year: 2024, kind: 'value', value: 0 },
      { year: 2025, kind: 'notInformed' },
    ]);
    expect(missingYears(cells)).toEqual([]);
  });

  it('leaves undated rows out and keeps the first row of a year', () => {
    const cells = yearCells([row(null, 0.9, 1), row(2021, 0.3, 1), row(2021, 0.7, 1)], (r) => r.year, read);
    expect(cells).toEqual([{ year: 2021, kind: 'value', value: 0.3 }]);
  });

  it('gives nothing for no dated row', () => {
    expect(yearCells([row(null, 0.5, 1)], (r) => r.year, read)).toEqual([]);
  });
});
