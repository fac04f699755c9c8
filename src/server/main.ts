import path from 'node:path';
import { count } from 'drizzle-orm';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type EnvConfig } from './config.js';
import type { Database } from './platform/db.js';
import { DataDirLockedError } from './platform/lock.js';
import { createDeps, createLogger } from './platform/runtime.js';
import { territories } from './territories/territories.tables.js';

/**
 * Process entry: config → database (migrated) → seed → jobs → listen; clean shutdown on SIGTERM.
 * `opening` is the database already being opened by the caller (start.ts), if any.
 */
export async function main(config: EnvConfig = loadConfig(), opening?: Promise<Database>) {
  const log = createLogger(config);
  const started = Date.now();
  // Outside production the console is for people: a plain French line; in production, a JSON log line.
  const announce = (text: string, fields: Record<string, unknown> = {}) => {
    if (config.env === 'production') log.info(fields, text);
    else process.stdout.write(`  ${text}\n`);
  };
  if (config.env === 'production' && !config.baseUrlGiven) {
    log.warn(
      { port: config.port },
      "BASE_URL n'est pas défini : les liens des e-mails et des calendriers utiliseront http://localhost:<port>, inaccessible aux autres machines. Définissez l'adresse publique (BASE_URL=https://…).",
    );
  }
  const deps = await createDeps(config, log, opening ? await opening : undefined);
  const [{ n }] = (await deps.db.select({ n: count() }).from(territories)) as [{ n: number }];
  if (Number(n) === 0) {
    announce('Premier démarrage : chargement du référentiel des acheteurs…');
    const { seedRegistry } = await import('./organisations/registry.js');
    const r = await seedRegistry(deps.db, deps.clock.now());
    announce('Référentiel des acheteurs chargé.', r);
  }
  // The directory of support actors starts with the actors of the reference notes (once).
  const { seedActors } = await import('./actors/actors.seed.js');
  await seedActors(deps);
  // The first course (issue 22) is real content: installed once on every platform, with its resources.
  const { installFirstCourse } = await import('./learning/first-course.install.js');
  await installFirstCourse(deps);
  if (config.seedDemo) {
    // Loaded only when asked: the demo seed pulls in pdfkit and every module's services.
    const { seedDemo } = await import('./seed/demo.js');
    const demo = await seedDemo(deps);
    if (demo) {
      // Printed once, on the start that created the accounts.
      const width = Math.max(...demo.accounts.map((a) => a.email.length)) + 1;
      const lines = demo.accounts.map((a) => `    ${a.email.padEnd(width)} ${a.role}`);
      process.stdout.write(
        `\n  Contenu de démonstration créé. Comptes (mot de passe commun : ${demo.password}) :\n${lines.join('\n')}\n\n`,
      );
    }
  }
  const app = await buildApp(deps);
  // The embedded database has one process: jobs left running were running in one that died.
  if (deps.database.driver === 'pglite') await deps.jobs.releaseOrphans();
  if (config.jobsEnabled) {
    // The daily sweep of the SPASER bilans due (issue 19, item 2); one stays queued across restarts.
    await (await import('./spaser/bilan.service.js')).scheduleBilanReminders(deps);
    deps.jobs.start();
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await deps.jobs.stop();
      deps.mailer.close();
      await deps.database.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  // The port actually listened on (PORT=0 lets the system choose): links are built from it from now on.
  // PGlite never autovacuums: what single writes queued in the search indexes (organisations, help
  // space, library) since the last start is merged once the server answers (see
  // organisations/search-indexes.ts): searches read the pending lists meanwhile, so their answers
  // do not change, and the start does not wait for the merge.
  if (!config.databaseUrl) {
    void import('./organisations/search-indexes.js')
      .then(({ mergeSearchIndexes }) => mergeSearchIndexes(deps.db, null))
      .catch((error: unknown) => log.warn({ err: error }, 'merging the search indexes at start failed'));
  }
  const address = app.server.address();
  if (address && typeof address === 'object') config.listeningOn(address.port);
  const mail = config.smtpUrl ? `envoyés par SMTP à ${new URL(config.smtpUrl).host}` : `écrits dans ${path.join(config.dataDir, 'outbox')}`;
  // The instance id in the production log line ties this process to the jobs it runs (jobs.owner_instance).
  announce(`Entraide est prêt : ${config.baseUrl} (e-mails ${mail})`, { url: config.baseUrl, ms: Date.now() - started, driver: deps.database.driver, instance: deps.instance.id });
  return app;
}

export function exitWithFrenchError(err: unknown): never {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`\n${err.message}\n\n`);
    process.exit(1);
  }
  process.stderr.write(`\nLe serveur n'a pas pu démarrer : ${err instanceof Error ? err.message : String(err)}\n`);
  if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
}

// Run directly from the sources (`tsx src/server/main.ts`); bundled, start.ts is the entry and this
// module's URL is the bundle's, hence the file name test.
if (import.meta.url === `file://${process.argv[1]}` && import.meta.url.endsWith('/main.ts')) {
  main().catch(exitWithFrenchError);
}
