import type { FastifyInstance } from 'fastify';
import { sendFailure } from './http.js';

/**
 * Text the platform accepts, checked once for every route (issue 12 item 1): control characters
 * are refused in every string of the body, the query string and the route parameters — and in
 * object keys —, before the route's own contract runs, so no route can forget it.
 *
 * - Refused: C0 controls except TAB and LF, DEL, C1 controls (U+0080–U+009F). PostgreSQL refuses
 *   NUL outright (a 500 before this check); the others are invisible in every screen and e-mail.
 * - CR is accepted only in a CRLF pair: browsers submit textareas with CRLF line breaks and API
 *   clients on Windows send them; a lone CR is refused. Nothing is rewritten (no normalisation).
 * - Lone UTF-16 surrogates (`"\ud800"` in JSON) are refused too: they have no UTF-8 form, so the
 *   database driver would silently store U+FFFD instead of what was sent.
 *
 * Multipart routes read their fields after this hook: they call `findForbiddenText` themselves.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
const LONE_SURROGATE = /\p{Cs}/u;

export const inputMessages = {
  control: 'Ce champ contient un caractère de contrôle non autorisé (seuls la tabulation et le retour à la ligne sont acceptés).',
  surrogate: 'Ce champ contient un caractère Unicode invalide.',
} as const;

/** The French message for a string, or null when it is acceptable text. */
export function textProblem(s: string): string | null {
  if (CONTROL.test(s)) return inputMessages.control;
  if (LONE_SURROGATE.test(s)) return inputMessages.surrogate;
  return null;
}

/**
 * Every string (and object key) of a parsed JSON-like value that is not acceptable text, as
 * `{ 'path.to.field': message }` (the same keys as the contracts' validation errors; `_` for the
 * value itself). Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findForbiddenText(value: unknown, prefix: string[] = []): Record<string, string> {
  const found: Record<string, string> = {};
  // Paths as parent links, spelt out only for a bad value: a deep body costs no copying.
  type Path = { key: string; parent: Path | null } | null;
  const spell = (path: Path) => {
    const keys: string[] = [];
    for (let p = path; p; p = p.parent) keys.push(p.key);
    const all = [...prefix, ...keys.reverse()];
    return all.length ? all.join('.') : '_';
  };
  const stack: { v: unknown; path: Path }[] = [{ v: value, path: null }];
  // Twenty fields are enough to correct a form; more would only cost time (deep paths spelt out).
  let problems = 0;
  while (stack.length && problems < 20) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) {
        found[spell(path)] ??= problem;
        problems++;
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: { key: String(i), parent: path } });
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const problem = textProblem(k);
        // The key itself cannot name the field (it is what is wrong): the message goes to its parent.
        if (problem) {
          found[spell(path)] ??= problem;
          problems++;
        } else stack.push({ v: child, path: { key: k, parent: path } });
      }
    }
  }
  return found;
}

/** Installs the check on every route: a 400 with one French message per field, before any handler. */
export function installInputGuard(app: Pick<FastifyInstance, 'addHook'>) {
  app.addHook('preValidation', async (req, reply) => {
    const fields = {
      ...findForbiddenText(req.params),
      ...findForbiddenText(req.query),
      ...findForbiddenText(req.body),
    };
    if (Object.keys(fields).length) return sendFailure(reply, 'VALIDATION', fields);
  });
}
