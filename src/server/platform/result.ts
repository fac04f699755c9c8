/**
 * Expected failures are values (DESIGN §4.5): a service returns ok(value) or fail(code), and the
 * HTTP layer maps each code once to a status and a French message (see failures.ts).
 */
export type Ok<T> = { ok: true; value: T };
export type Fail<C extends string = string> = { ok: false; error: C; fields?: Record<string, string> };
export type Result<T, C extends string = string> = Ok<T> | Fail<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const fail = <C extends string>(error: C, fields?: Record<string, string>): Fail<C> => ({
  ok: false,
  error,
  ...(fields ? { fields } : {}),
});
