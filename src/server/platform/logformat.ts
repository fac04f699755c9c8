// Readable console lines for development: pino writes JSON, this turns each record into one line
// ("15:04:05 WARN  slow request  GET /api/events 812 ms"), the stack of an error indented below it.
// Production keeps pino's JSON lines, which log collectors parse.

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// Fields already shown in the line itself, or noise for a person reading the console.
const SHOWN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'reqId', 'err', 'method', 'route', 'statusCode', 'ms']);

type Record_ = { level?: number; time?: number; msg?: string; err?: { type?: string; message?: string; stack?: string; code?: string }; [k: string]: unknown };

const two = (n: number) => String(n).padStart(2, '0');

function value(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/** One pino JSON record as a console line (plus the indented stack of an error at level error or above). */
export function formatLogLine(json: string): string {
  let r: Record_;
  try {
    r = JSON.parse(json) as Record_;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const t = new Date(r.time ?? Date.now());
  const parts = [`${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`, (LEVELS[r.level ?? 30] ?? String(r.level)).padEnd(5), r.msg ?? ''];
  if (typeof r.method === 'string') parts.push(`${r.method} ${String(r.route ?? '')}`.trim());
  if (typeof r.statusCode === 'number') parts.push(String(r.statusCode));
  if (typeof r.ms === 'number') parts.push(`${r.ms} ms`);
  const rest = Object.entries(r)
    .filter(([k, v]) => !SHOWN.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${value(v)}`);
  if (rest.length) parts.push(rest.join(' '));
  if (r.err) parts.push(`— ${r.err.type ?? 'Error'}${r.err.code ? ` ${r.err.code}` : ''}: ${r.err.message ?? ''}`);
  let line = parts.filter((p) => p !== '').join('  ');
  if (r.err?.stack && (r.level ?? 30) >= 50) {
    const frames = r.err.stack.split('\n').slice(1).map((f) => `    ${f.trim()}`);
    if (frames.length) line += `\n${frames.join('\n')}`;
  }
  return `${line}\n`;
}

/** A pino destination that writes readable lines to `out` (stdout by default). */
export function readableDestination(out: { write(s: string): unknown } = process.stdout) {
  return { write: (chunk: string) => void out.write(formatLogLine(chunk.trimEnd())) };
}
