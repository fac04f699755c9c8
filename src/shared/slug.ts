// ASCII slugs for addresses and file names, shared by the server and the web app: one rule for
// « SPASER 2024–2026 de la Ville de Rennes » → spaser-2024-2026-de-la-ville-de-rennes.

/**
 * Lower-case ASCII words joined by « - », at most `maxLength` characters, never ending on « - »:
 * accents dropped (NFKD also turns ligatures like « ﬁ » into letters), « œ »/« æ » spelt out. Empty when
 * the text has no letter or digit, so each caller chooses its own fallback.
 */
export function asciiSlug(text: string, maxLength = 80): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/** The reference part of a public address « <ref>-<slug> » (what comes before the first « - »). */
export const refPart = (refAndSlug: string): string => refAndSlug.split('-', 1)[0]!;
