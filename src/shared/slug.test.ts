import { describe, expect, it } from 'vitest';
import { asciiSlug, refPart } from './slug.js';

describe('asciiSlug', () => {
  it('drops accents, spells out ligatures, joins words with one dash', () => {
    expect(asciiSlug('SPASER 2024–2026 de la Ville de Rennes')).toBe('spaser-2024-2026-de-la-ville-de-rennes');
    expect(asciiSlug('Schéma des achats « Œuvre » de Saint-Étienne')).toBe('schema-des-achats-oeuvre-de-saint-etienne');
    expect(asciiSlug('Cæcilia — ﬁlière')).toBe('caecilia-filiere');
  });
  it('cuts at the length without leaving a trailing dash, and is empty without letters or digits', () => {
    expect(asciiSlug('abc def', 4)).toBe('abc');
    expect(asciiSlug(' « — » ')).toBe('');
  });
});

describe('refPart', () => {
  it('is what comes before the first dash', () => {
    expect(refPart('k7m2p9qa-spaser-de-rennes')).toBe('k7m2p9qa');
    expect(refPart('k7m2p9qa')).toBe('k7m2p9qa');
  });
});
