import { loadConfig } from './config.js';
import { openDatabase } from './platform/db.js';

// The server's entry in the production build: bundled into dist/server/start.js (scripts/build.mjs)
// and run with plain node by `npm start` (scripts/start.mjs builds first when the build is missing or
// older than its sources). `npx tsx src/server/start.ts` runs the same from the sources.
//
// The database is opened first, before the rest of the application is even loaded: PGlite compiles
// its WebAssembly and starts in the background while this thread loads and evaluates the modules
// (docs/performance.md, start to ready).
let early: { config: ReturnType<typeof loadConfig>; database: ReturnType<typeof openDatabase> } | { error: unknown };
try {
  const config = loadConfig();
  const database = openDatabase(config);
  // Awaited by main(); a failure (folder locked, server unreachable) is reported there.
  database.catch(() => {});
  early = { config, database };
} catch (error) {
  early = { error };
}
const { exitWithFrenchError, main } = await import('./main.js');
if ('error' in early) exitWithFrenchError(early.error);
else main(early.config, early.database).catch(exitWithFrenchError);
