import { describe, expect, it } from 'vitest';
import { spaserObligation } from './obligation.js';

// Expected outcomes worked out by hand from ../shared/reference/domain.md §1.1 and §1.4.
describe('SPASER obligation by date', () => {
  const commune80M = { kind: 'commune' as const, declaredYearlyPurchases: 80_000_000 };
  const hospital80M = { kind: 'hopital' as const, declaredYearlyPurchases: 80_000_000 };
  const state120M = { kind: 'etat' as const, declaredYearlyPurchases: 120_000_000 };

  it('uses the 100 M€ threshold until 31 Dec 2022 and 50 M€ from 1 Jan 2023', () => {
    expect(spaserObligation(commune80M, '2022-12-31')).toMatchObject({ threshold: 100_000_000, status: 'does_not_apply', kindConcerned: true });
    expect(spaserObligation(commune80M, '2023-01-01')).toMatchObject({ threshold: 50_000_000, status: 'applies', kindConcerned: true });
  });

  it('leaves hospitals and State services out until 24 Oct 2023, in from 25 Oct 2023', () => {
    expect(spaserObligation(hospital80M, '2023-01-01')).toMatchObject({ status: 'does_not_apply', kindConcerned: false });
    expect(spaserObligation(hospital80M, '2023-10-24')).toMatchObject({ status: 'does_not_apply', kindConcerned: false });
    expect(spaserObligation(hospital80M, '2023-10-25')).toMatchObject({ status: 'applies', kindConcerned: true });
    expect(spaserObligation(state120M, '2022-06-30')).toMatchObject({ status: 'does_not_apply', kindConcerned: false });
    expect(spaserObligation(state120M, '2023-10-25')).toMatchObject({ status: 'applies', threshold: 50_000_000 });
  });

  it('requires an amount strictly above the threshold', () => {
    expect(spaserObligation({ kind: 'region', declaredYearlyPurchases: 50_000_000 }, '2024-01-01').status).toBe('does_not_apply');
    expect(spaserObligation({ kind: 'region', declaredYearlyPurchases: 50_000_001 }, '2024-01-01').status).toBe('applies');
    expect(spaserObligation({ kind: 'epci', declaredYearlyPurchases: 100_000_000 }, '2021-05-01').status).toBe('does_not_apply');
  });

  it('cannot conclude without a declared amount, and says why in French', () => {
    const o = spaserObligation({ kind: 'commune', declaredYearlyPurchases: null }, '2025-03-01');
    expect(o.status).toBe('unknown');
    expect(o.reasons.at(-1)).toBe("Le montant annuel des achats n'a pas été déclaré : impossible de conclure.");
    expect(o.reasons.join(' ')).toContain('50 M€ HT');
  });
});
