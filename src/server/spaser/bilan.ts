import type { BilanIndicator, BilanYear } from './bilan.contract.js';
import type { BuyerDecpFigures } from './decp-prefill.js';
import { catalogueEntry } from './indicator-catalogue.js';
import type { SpaserContent } from './spaser.content.js';

/**
 * The bilan des indicateurs (issue 19, item 2), pure: each indicator of the schéma, each buyer, each
 * year of the period, its value against its target. A year without an entered value takes the
 * buyer's DECP figure when the indicator is computable from it (shown as such, never saved here).
 */

/** How many years without a published bilan before the editors are reminded (L2111-3: « au moins tous les deux ans »). */
export const BILAN_EVERY_YEARS = 2;

/** The years a bilan covers: the period, an open-ended one up to this year (or its last target or value). */
export function bilanYears(period: { start: number; end: number | null }, thisYear: number, indicators: SpaserContent['indicators']): number[] {
  let end = period.end;
  if (end === null) {
    end = Math.max(period.start, thisYear);
    for (const ind of indicators) for (const b of ind.perBuyer) for (const y of [...b.targets, ...b.values]) end = Math.max(end, y.year);
  }
  const out: number[] = [];
  for (let y = period.start; y <= end; y++) out.push(y);
  return out;
}

/** Whether a value meets a target: at or above it, or at or below for a ceiling (tonnes of CO2e). */
export function isReached(value: number, target: number, lowerIsBetter: boolean): boolean {
  return lowerIsBetter ? value <= target : value >= target;
}

export function computeBilan(input: {
  indicators: SpaserContent['indicators'];
  period: { start: number; end: number | null };
  thisYear: number;
  buyers: { organisationId: string; name: string }[];
  decp: BuyerDecpFigures[];
}): BilanIndicator[] {
  const years = bilanYears(input.period, input.thisYear, input.indicators);
  return input.indicators.map((ind) => {
    const measure = catalogueEntry(ind.catalogueKey)?.decp ?? null;
    // A DECP measure is a share: the figure fits the indicator only in the catalogue's unit (decp-prefill.ts applyDecp).
    const fromDecp = measure !== null && catalogueEntry(ind.catalogueKey)!.unit === ind.unit;
    const lowerIsBetter = ind.unit === 'tco2e';
    return {
      id: ind.id,
      name: ind.name,
      category: ind.category,
      unit: ind.unit,
      definition: ind.definition,
      fromDecp,
      lowerIsBetter,
      perBuyer: ind.perBuyer
        .filter((b) => input.buyers.some((x) => x.organisationId === b.organisationId))
        .map((b) => {
          const targets = [...b.targets].sort((x, y) => x.year - y.year).map((t) => ({ year: t.year, value: t.value }));
          const figures = input.decp.find((f) => f.organisationId === b.organisationId);
          return {
            organisationId: b.organisationId,
            name: input.buyers.find((x) => x.organisationId === b.organisationId)!.name,
            baseline: b.baseline ? { year: b.baseline.year, value: b.baseline.value } : null,
            targets,
            years: years.map((year): BilanYear => {
              const target = targets.find((t) => t.year >= year) ?? null;
              const entered = b.values.find((v) => v.year === year);
              let value: number | null = null;
              let origin: BilanYear['origin'] = null;
              let decp: BilanYear['decp'] = null;
              if (entered) {
                value = entered.value;
                origin = 'entered';
                decp = entered.decp;
              } else if (fromDecp) {
                const y = figures?.years.find((f) => f.year === year);
                const m = y?.measures[measure!];
                if (y && m) {
                  value = m.value;
                  origin = 'decp';
                  decp = { ...m, sourceFiles: y.sourceFiles, importedAt: y.importedAt };
                }
              }
              return {
                year,
                value,
                origin,
                decp,
                overrideReason: entered?.overrideReason ?? null,
                target,
                reached: value !== null && target ? isReached(value, target.value, lowerIsBetter) : null,
              };
            }),
          };
        }),
    };
  });
}

/** The day (AAAA-MM-JJ) a bilan is due: two years after the adoption or the newest bilan, whichever is later. */
export function bilanDueOn(adoptedOn: string, lastBilanOn: string | null): string {
  const from = lastBilanOn && lastBilanOn > adoptedOn ? lastBilanOn : adoptedOn;
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  // 29 February + 2 years is 1 March (Date rolls the day over).
  const due = new Date(Date.UTC(y + BILAN_EVERY_YEARS, m - 1, d));
  return due.toISOString().slice(0, 10);
}
