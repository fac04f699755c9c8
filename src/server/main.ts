import { count } from 'drizzle-orm';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { seedRegistry } from './organisations/registry.js';
import { DataDirLockedError } from './platform/lock.js';
import { createDeps, createLogger } from './platform/runtime.js';
import { seedDemo } from './seed/demo.js';
import { territories } from './territories/territories.tables.js';

/** Process entry: config → database (migrated) → seed → jobs → listen; clean shutdown on SIGTERM. */
export async function main(config: Config = loadConfig()) {
  const log = createLogger(config);
  const started = Date.now();
  const deps = await createDeps(config, log);
  const [{ n }] = (await deps.db.select({ n: count() }).from(territories)) as [{ n: number }];
  if (Number(n) === 0) {
    log.info('seeding the buyers registry (first start)');
    const r = await seedRegistry(deps.db, deps.clock.now());
    log.info(r, 'registry seeded');
  }
  if (config.seedDemo) {
    const demo = await seedDemo(deps);
    if (demo) {
      // Printed once, on the start that created the accounts.
      const lines = demo.accounts.map((a) => `    ${a.email.padEnd(36)} ${a.role}`);
      process.stdout.write(
        `\n  Contenu de démonstration créé. Comptes (mot de passe commun : ${demo.password}) :\n${lines.join('\n')}\n\n`,
      );
    }
  }
  const app = await buildApp(deps);
  if (config.jobsEnabled) deps.jobs.start();
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
  log.info({ url: config.baseUrl, ms: Date.now() - started, driver: deps.database.driver }, 'Entraide est prêt');
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

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch(exitWithFrenchError);
}
