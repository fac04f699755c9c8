import { describe, expect, it } from 'vitest';
import { findForbiddenText, textProblem } from './input.js';

const CONTROL = 'Ce champ contient un caractère de contrôle non autorisé (seuls la tabulation et le retour à la ligne sont acceptés).';
const SURROGATE = 'Ce champ contient un caractère Unicode invalide.';

describe('item 1: findForbiddenText', () => {
  it('item 1: accepts text with tab, LF, CRLF, accents, emoji and non-breaking spaces', () => {
    for (const s of ['', 'Lyon', 'a\tb', 'a\nb', 'a\r\nb', 'Métropole « 1 000 € »', '🌱', 'a\u202fb', '\u00a0']) expect(textProblem(s), JSON.stringify(s)).toBeNull();
  });

  it('item 1: refuses NUL, other C0 controls, a lone CR, DEL, C1 controls and lone surrogates', () => {
    for (const s of ['\u0000', 'a\u0001', 'a\u000bb', 'a\u000cb', 'a\rb', 'a\r', '\u001f', '\u007f', '\u0080', '\u009f']) expect(textProblem(s), JSON.stringify(s)).toBe(CONTROL);
    for (const s of ['\ud800', 'a\udc00b', '\ud83c']) expect(textProblem(s), JSON.stringify(s)).toBe(SURROGATE);
  });

  it('item 1: names every bad field by its dotted path, keys included, in nested bodies', () => {
    expect(findForbiddenText({ title: 'ok', body: 'a\u0000', tags: ['x', 'y\u0007'], nested: { deep: [{ v: '\r' }] }, n: 3, b: null })).toEqual({
      body: CONTROL,
      'tags.1': CONTROL,
      'nested.deep.0.v': CONTROL,
    });
    expect(findForbiddenText({ answers: { 'k\u0000': 'v' } })).toEqual({ answers: CONTROL });
    expect(findForbiddenText('\u0000')).toEqual({ _: CONTROL });
    expect(findForbiddenText(undefined)).toEqual({});
  });

  it('item 1: walks a very deeply nested body without overflowing the stack', () => {
    let v: unknown = 'fin\u0000';
    for (let i = 0; i < 100_000; i++) v = [v];
    const found = findForbiddenText(v);
    expect(Object.values(found)).toEqual([CONTROL]);
  });
});
