// `npm start`: builds what is missing or older than its sources (scripts/build.mjs: a stat of each
// source file against the build's stamp, a few milliseconds when nothing changed), then runs the
// built server with plain node, in this very process (no npm, tsx or second node in between).
import { build, isStale } from './build.mjs';

const stale = ['server', 'web'].filter(isStale);
if (stale.length) {
  process.stdout.write(`Construction de l'application (${stale.join(' et ')} : absente ou sources modifiées)…\n`);
  await build(stale);
}
await import('../dist/server/start.js');
