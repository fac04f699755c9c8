import { describe, expect, it } from 'vitest';
import { spaserVerdict, verdictKind, verdictPeriod, type DecpFigures, type VerdictInput } from './obligation.js';
import { BUYER_CATEGORIES } from './sirene/categories.js';

// Expected outcomes worked out by hand from ../shared/reference/domain.md §1.1 and §1.4 (thresholds,
// scope before and after 25 Oct 2023) and the estimators' margins (likely above: both estimates above
// 1,25 × the threshold; likely below: both under 0,5 × and at most 10 % of amounts left out).
const none: DecpFigures = { notified: { amount: 0, contracts: 0, excluded: 0 }, annualised: { amount: 0, contracts: 0, excluded: 0 }, undated: 0, missingDuration: 0 };
const decp = (notified: number, annualised: number, contracts = 10, excluded = 0): DecpFigures => ({
  notified: { amount: notified, contracts, excluded },
  annualised: { amount: annualised, contracts, excluded },
  undated: 0,
  missingDuration: 0,
});
const judge = (over: Partial<VerdictInput>) => spaserVerdict({ kind: 'commune', date: '2025-06-01', year: 2024, declared: null, decp: null, ...over });

describe('issue 15, item 4: one verdict on the SPASER obligation', () => {
  it('keeps the dated rule: 100 M€ until 31 Dec 2022, 50 M€ from 1 Jan 2023, strictly above', () => {
    const declared80 = { amount: 80_000_000, year: 2022 };
    expect(judge({ date: '2022-12-31', year: 2021, declared: declared80 })).toMatchObject({ threshold: 100_000_000, status: 'not_concerned', source: 'declaration' });
    expect(judge({ date: '2023-01-01', year: 2022, declared: declared80 })).toMatchObject({ threshold: 50_000_000, status: 'concerned', source: 'declaration' });
    expect(judge({ kind: 'region', declared: { amount: 50_000_000, year: 2024 } }).status).toBe('not_concerned');
    expect(judge({ kind: 'region', declared: { amount: 50_000_001, year: 2024 } }).status).toBe('concerned');
  });

  it('leaves hospitals and State services out until 24 Oct 2023, in from 25 Oct 2023, whatever the amount', () => {
    const big = { amount: 120_000_000, year: 2022 };
    expect(judge({ kind: 'hopital', date: '2023-10-24', declared: big })).toMatchObject({ status: 'not_concerned', source: 'rule', kindConcerned: false });
    expect(judge({ kind: 'hopital', date: '2023-10-25', declared: big })).toMatchObject({ status: 'concerned', kindConcerned: true });
    expect(judge({ kind: 'etat', date: '2022-06-30', decp: decp(200e6, 200e6) })).toMatchObject({ status: 'not_concerned', source: 'rule' });
    expect(judge({ date: '2015-01-31' })).toMatchObject({ status: 'not_concerned', source: 'rule' });
  });

  it('a declaration outranks the DECP estimate, and the reasons cite both', () => {
    // 81,2 M€ notified, 64,0 M€ annualised: likely above for the data; the member declared 45 M€.
    const v = judge({ declared: { amount: 45_000_000, year: 2024 }, decp: decp(81_200_000, 64_000_000) });
    expect(v).toMatchObject({ status: 'not_concerned', source: 'declaration', decp: { notified: 81_200_000, annualised: 64_000_000 } });
    expect(v.reasons).toContain(
      "Montant annuel des achats déclaré par un membre vérifié : 45,0 M€ HT (année 2024), inférieur ou égal au seuil : le schéma n'est pas obligatoire (il reste possible, y compris en schéma commun).",
    );
    expect(v.reasons).toContain("Pour comparaison, les données essentielles donnent 81,2 M€ de marchés notifiés en 2024 ; 64,0 M€ annualisés.");
  });

  it('without a declaration, the estimate: likely concerned, uncertain, likely not concerned', () => {
    // 62,5 M€ is 1,25 × 50 M€: both estimates must be above it.
    const above = judge({ decp: decp(81_200_000, 64_000_000) });
    expect(above).toMatchObject({ status: 'likely_concerned', source: 'decp' });
    expect(above.reasons).toContain("81,2 M€ de marchés notifiés en 2024 d'après les données essentielles ; 64,0 M€ annualisés.");
    expect(above.reasons.at(-1)).toBe("C'est une estimation : pour une réponse certaine, un membre vérifié de l'organisation déclare le montant annuel de ses achats.");
    expect(judge({ decp: decp(81_200_000, 60_000_000) }).status).toBe('uncertain');
    // 24 M€ < 25 M€ (0,5 × 50 M€) on both, nothing left out.
    expect(judge({ decp: decp(24_000_000, 20_000_000) }).status).toBe('likely_not_concerned');
    // The same figures with 2 amounts left out of 12 (17 % > 10 %): no « likely below ».
    expect(judge({ decp: decp(24_000_000, 20_000_000, 10, 2) }).status).toBe('uncertain');
  });

  it('without a declaration and without data, « inconnu »: uncertain, and says how to be certain', () => {
    for (const d of [null, none]) {
      const v = judge({ decp: d });
      expect(v).toMatchObject({ status: 'uncertain', source: 'none', decp: null });
      expect(v.reasons).toContain('Aucun montant déclaré et aucun marché dans les données essentielles pour 2024 : le montant des achats est inconnu.');
    }
  });

  it('a buyer known only from procurement data: its kind decided before 25 Oct 2023, not after', () => {
    expect(judge({ kind: null, date: '2023-06-01', year: 2022, decp: decp(200e6, 200e6) })).toMatchObject({ status: 'uncertain', source: 'none' });
    expect(judge({ kind: null, date: '2025-01-01', year: 2024, decp: decp(200e6, 200e6) })).toMatchObject({ status: 'likely_concerned', source: 'decp' });
  });

  it('judges the last complete calendar year the data covers, or the year asked', () => {
    // Today 4 Dec 2026; the data covers 2023 and 2024: 2025 is the last complete year, not covered.
    expect(verdictPeriod({}, '2026-12-04', [2023, 2024])).toEqual({ date: '2026-12-04', year: 2024 });
    expect(verdictPeriod({}, '2026-12-04', [2024, 2025, 2026])).toEqual({ date: '2026-12-04', year: 2025 });
    expect(verdictPeriod({}, '2026-12-04', [])).toEqual({ date: '2026-12-04', year: 2025 });
    expect(verdictPeriod({ date: '2024-03-01' }, '2026-12-04', [2023, 2024])).toEqual({ date: '2024-03-01', year: 2023 });
    // A past year is judged by the rule of the year after it (when it was the last complete one).
    expect(verdictPeriod({ year: 2021 }, '2026-12-04', [2021])).toEqual({ date: '2022-12-31', year: 2021 });
    expect(verdictPeriod({ year: 2025 }, '2026-12-04', [])).toEqual({ date: '2026-12-04', year: 2025 });
    expect(verdictPeriod({ year: 2021, date: '2024-01-01' }, '2026-12-04', [])).toEqual({ date: '2024-01-01', year: 2021 });
  });

  it('issue 15, item 1: every kind the SIRENE import makes follows the dated rule', () => {
    const big = { amount: 120_000_000, year: 2022 };
    // Collectivités, their groupements and statut légal: concerned before the loi Industrie verte too.
    const before = new Set(['commune', 'epci', 'departement', 'region', 'collectivite_statut_particulier', 'syndicat', 'statut_legal']);
    for (const kind of new Set([...Object.values(BUYER_CATEGORIES), 'autre' as const])) {
      expect(judge({ kind, date: '2023-10-24', declared: big }).status, `${kind} on 24 Oct 2023`).toBe(before.has(kind) ? 'concerned' : 'not_concerned');
      expect(judge({ kind, date: '2023-10-25', declared: big }).status, `${kind} on 25 Oct 2023`).toBe('concerned');
    }
    expect(judge({ kind: 'securite_sociale', date: '2023-10-24', declared: big }).reasons[0]).toMatch(/la loi Industrie verte l'a étendue à tous les acheteurs/);
  });

  it('a DECP-only buyer has an unknown kind until SIRENE gives its legal category; a ceased unit is no longer concerned', () => {
    expect(verdictKind({ kind: 'autre', source: 'decp', legalCategory: null })).toBeNull();
    expect(verdictKind({ kind: 'autre', source: 'sirene', legalCategory: '5599' })).toBe('autre');
    expect(verdictKind({ kind: 'hopital', source: 'sirene', legalCategory: '7364' })).toBe('hopital');
    const big = { amount: 120_000_000, year: 2024 };
    const ceased = judge({ kind: 'syndicat', ceasedOn: '2022-12-31', declared: big });
    expect(ceased).toMatchObject({ status: 'not_concerned', source: 'rule' });
    expect(ceased.reasons).toEqual(["Cette unité a cessé son activité le 31/12/2022 d'après le répertoire SIRENE de l'INSEE : l'obligation ne la vise plus à cette date."]);
    // Judged at a date before it ceased, the rule applies as usual.
    expect(judge({ kind: 'syndicat', date: '2022-06-30', year: 2021, ceasedOn: '2022-12-31', declared: big }).status).toBe('concerned');
  });
});
