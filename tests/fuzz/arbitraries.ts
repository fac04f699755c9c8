import fc from 'fast-check';
import { nonNull, type JsonSchema } from '../helpers/contracts.js';

/**
 * fast-check arbitraries built from the routes' contracts (their JSON Schema, as in the OpenAPI
 * document): `valid` follows the contract, `mutated` breaks it — one value or field at a time, at
 * any depth — with wrong types, huge strings, control characters, unusual Unicode, nulls, missing
 * and unknown fields.
 */

/** Existing ids by field or parameter name, so valid-looking requests reach real rows. */
export type IdPools = (name: string) => string[];

const MAX_ITEMS = 4;

// --- Hostile values ---------------------------------------------------------------------------

const frenchWordsForControls = ['', 'Lyon', 'clauses sociales', 'Économie'];
const controlChars = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009f', '\r', '\r\n', '\t', '\n', '\u2028', '\u2029'];
const unusualUnicode = [
  '\u202eRTL', '\ufeff', 'e\u0301', '👩‍👩‍👧', '\ud800', '\udfff', 'a\ud83c', '\ufdfa', '𝕏𝔸', '\u200b', '\u200d', 'İı', 'ß', 'Ω', '\u00a0', '\u202f',
  '\ufffe', '\uffff', 'ǅ', '０１２', '٣', '💩'.repeat(3), 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻͊', '\u0000\u0000', 'ＡＢＣ',
];
const trickyStrings = [
  '', ' ', "' OR 1=1 --", '%', '_', '\\', '\\\\x00', '<script>alert(1)</script>', '../../etc/passwd', '${7*7}', '{{7*7}}', '__proto__', 'constructor',
  'NaN', 'Infinity', '-0', '1e400', '0x1F', '2025-02-30', '9999-12-31', '0000-00-00', '2024-13-01T25:61:00Z', 'null', 'true', '[]', '{}',
  'a'.repeat(257), '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'javascript:alert(1)', 'http://', 'mailto:x@y',
];
const extremeNumbers = [0, -1, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, -1e308, 1e-300, Number.MAX_SAFE_INTEGER, 1e21];

// NUL first: PostgreSQL refuses it outright, where the other controls are merely stored.
const controlChar = fc.oneof({ weight: 2, arbitrary: fc.constant('\u0000') }, { weight: 3, arbitrary: fc.constantFrom(...controlChars) });
const controlString = fc
  .tuple(fc.constantFrom(...frenchWordsForControls), controlChar, fc.string({ maxLength: 10 }))
  .map(([a, c, b]) => a + c + b);
const unusualString = fc.oneof(
  fc.constantFrom(...unusualUnicode),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
// Over the contracts' limits (80 to 20 000 characters), up to past the 1 MB body limit.
const hugeString = fc
  .tuple(fc.constantFrom(201, 2_001, 20_001, 100_000, 400_000), fc.constantFrom('a', 'é', '🌱', '%', "'", ' ', '\u0000'))
  .map(([n, c]) => c.repeat(n));
/**
 * JSON text inserted as is by `toJson`: a value nested thousands of levels deep is written out
 * directly (JSON.stringify is recursive — and pdfjs-dist replaces it with a core-js version that
 * overflows far sooner).
 */
export class RawJson {
  constructor(readonly text: string) {}
}
const deepValue = fc.constantFrom(5, 50, 5_000, 50_000).map((depth) => {
  const open = Array.from({ length: depth }, (_, i) => (i % 2 ? '[' : '{"a":')).join('');
  const close = Array.from({ length: depth }, (_, i) => (i % 2 ? ']' : '}')).reverse().join('');
  return new RawJson(`${open}"x"${close}`);
});

/** JSON.stringify, with RawJson values inlined. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000RAW${raws.length - 1}\u0000`;
    }
    return v;
  });
  if (text === undefined) return 'null';
  return raws.length ? text.replace(/"\\u0000RAW(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!) : text;
}

/** A string a text field should refuse or survive. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: controlString },
  { weight: 2, arbitrary: unusualString },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: fc.constantFrom(...trickyStrings) },
);

/** Any hostile JSON value. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...extremeNumbers),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  controlString,
  unusualString,
  hugeString,
  fc.constantFrom(...trickyStrings),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.constant(Array.from({ length: 2_000 }, (_, i) => `x${i}`)),
  fc.jsonValue({ maxDepth: 2 }),
  deepValue,
);

// --- Values following the contract ---------------------------------------------------------------

const frenchWords = ['Clauses sociales', 'Économie circulaire', 'SPASER', 'marché de travaux', 'insertion', 'Lyon', 'indicateurs', 'réemploi', 'énergie'];

function stringFor(s: JsonSchema, name: string, ids: IdPools): fc.Arbitrary<string> {
  if (s.format === 'uuid') {
    const pool = ids(name);
    return pool.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  }
  const dates = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });
  if (s.format === 'date') return dates.map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return dates.map((d) => d.toISOString());
  if (s.format === 'uri') return fc.webUrl();
  if (/email/i.test(name)) return fc.emailAddress();
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern));
    } catch {
      // A pattern JavaScript cannot compile: plain text below.
    }
  }
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 60, 300));
  // Chosen here, not with .filter(): a filter no word can pass (a 20-character minimum) never ends.
  const words = frenchWords.filter((w) => w.length >= min && w.length <= max);
  const text = fc.string({ minLength: min, maxLength: max });
  return words.length ? fc.oneof(text, fc.constantFrom(...words)) : text;
}

function numberFor(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1000);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 100_000);
  if (integer) return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31 - 1)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value the contract accepts (mostly: cross-field rules are the route's business). */
export function valid(schema: JsonSchema | undefined, ids: IdPools, name = ''): fc.Arbitrary<unknown> {
  if (!schema || (schema.type === undefined && !schema.anyOf && !schema.oneOf && !schema.enum && !('const' in schema) && !schema.properties)) {
    return fc.jsonValue({ maxDepth: 2 });
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => valid(b, ids, name)));
  if (schema.allOf) return valid(schema.allOf[0], ids, name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema, name, ids);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.max(min, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(valid(schema.items, ids, name), { minLength: min, maxLength: max });
    }
    case 'object': {
      if (schema.properties && Object.keys(schema.properties).length) {
        const model = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, valid(v, ids, k)]));
        return fc.record(model, { requiredKeys: schema.required ?? [] });
      }
      const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      const keys = schema.propertyNames ? (valid(schema.propertyNames, ids, name) as fc.Arbitrary<string>).map(String) : fc.string({ minLength: 1, maxLength: 12 });
      return fc.dictionary(keys, valid(values, ids, name), { maxKeys: MAX_ITEMS });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * A value that breaks the contract somewhere (or, one time in four, follows it): the whole value
 * hostile, or — in objects and arrays — one field or item broken recursively, removed, or an
 * unknown field added.
 */
export function mutated(schema: JsonSchema | undefined, ids: IdPools, name = ''): fc.Arbitrary<unknown> {
  const s = schema ? nonNull(schema) : undefined;
  if (s?.type === 'object' && s.properties && Object.keys(s.properties).length) {
    const keys = Object.keys(s.properties);
    const base = valid(s, ids, name) as fc.Arbitrary<Record<string, unknown>>;
    const breakOne = (obj: Record<string, unknown>) =>
      fc.constantFrom(...keys).chain((key) => mutated(s.properties![key], ids, key).map((v) => ({ ...obj, [key]: v })));
    const missing = fc.tuple(base, fc.constantFrom(...keys)).map(([obj, key]) => {
      const copy = { ...obj };
      delete copy[key];
      return copy;
    });
    const extra = fc
      .tuple(base, fc.constantFrom('__proto__', 'constructor', 'id', 'role', 'createdBy', 'status', 'unknownField'), hostile)
      .map(([obj, key, v]) => new RawJson(toJson(obj).replace(/^\{/, `{${JSON.stringify(key)}:${toJson(v)}${Object.keys(obj).length ? ',' : ''}`)));
    // Mostly one field broken and the rest valid, so the broken value reaches the code behind the contract.
    return fc.oneof(
      { weight: 1, arbitrary: base },
      { weight: 1, arbitrary: hostile },
      { weight: 8, arbitrary: base.chain(breakOne) },
      { weight: 1, arbitrary: base.chain(breakOne).chain(breakOne) },
      { weight: 1, arbitrary: missing },
      { weight: 1, arbitrary: extra },
    );
  }
  const options: fc.WeightedArbitrary<unknown>[] = [
    { weight: 1, arbitrary: valid(schema, ids, name) },
    { weight: 2, arbitrary: hostile },
  ];
  // A text field mostly gets text attacks: control characters, unusual Unicode, huge strings.
  if (s?.type === 'string') options.push({ weight: 5, arbitrary: hostileString });
  if (s?.type === 'array' && s.items) {
    const item = s.items;
    const broken = fc
      .tuple(valid(s, ids, name) as fc.Arbitrary<unknown[]>, mutated(item, ids, name))
      .map(([arr, v]) => [...arr, v]);
    const many = valid(item, ids, name).map((v) => Array.from({ length: 1_000 }, () => v));
    options.push({ weight: 4, arbitrary: broken }, { weight: 1, arbitrary: many });
  }
  return fc.oneof(...options);
}

/** Raw query-string fragments a client may send whatever the contract says. */
export const rawQuerySuffix = fc.constantFrom('', '', '', '', '%', '%zz', '%00', '%E9', '%C3%28', '&&&', '=', 'a[b]=c', 'page=1&page=2', 'q=%ED%A0%80', `q=${'%41'.repeat(3000)}`);
