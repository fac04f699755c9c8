import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { count, sql } from 'drizzle-orm';
import { emailField, newPasswordField } from '../shared/fields.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { lockDataDir, DataDirLockedError } from '../server/platform/lock.js';
import { createDeps, createLogger } from '../server/platform/runtime.js';
import { openDatabase } from '../server/platform/db.js';
import { decpEstimate, decpGenerate, decpImport, decpIndicators, DecpUsageError, parseScope, parseSiren, parseYear, progressBar } from './decp.js';
// The other commands' modules (accounts, demo seed, registry, backup) are loaded by the command
// that uses them: a `decp import` does not hold most of the server in memory (issue 14, goal 1).

const usage = `Utilisation : npm run entraide -- <commande>

  users create-admin --email ADRESSE [--password MOT_DE_PASSE] [--first-name PRÉNOM] [--last-name NOM]
      Crée un administrateur (ou promeut un compte existant). Sans --password, un mot de passe est
      généré et affiché une fois.
  seed [--demo]
      Charge le référentiel des acheteurs s'il est vide ; avec --demo, la communauté de démonstration.
  db migrate
      Applique les migrations en attente (une seule fois, sous verrou, même si plusieurs processus
      démarrent) puis s'arrête : l'étape « migrer » d'une mise à jour (docs/deployment.md).
  db reset [--yes]
      Efface la base (dossier PGlite, ou schéma PostgreSQL) puis la recrée vide et migrée.
  decp import FICHIER... [--json]
      Importe des fichiers DECP (JSON ou XML 2019 et 2024, CSV tabulaire, éventuellement .gz).
      Un fichier illisible n'est pas importé du tout (code de sortie 2) ; les autres le sont.
  decp indicators --buyer SIRET_OU_SIREN [--year AAAA] [--json]
  decp indicators --departement CODE | --region CODE | --kind SORTE | --national [--year AAAA] [--json]
      Indicateurs de l'acheteur (ou du groupe d'acheteurs du référentiel : département, région, sorte
      d'organisation, ensemble national) par année : contrats, considérations sociales et
      environnementales, montants.
  decp generate --contracts N --out FICHIER [--format json|xml|csv] [--defects PART] [--defect-kinds LISTE]
                [--duplicates PART] [--seed S] [--year AAAA] [--json]
      Écrit un fichier DECP 2024 réaliste et déterministe (pour les tests et les mesures) : N contrats,
      une part de doublons (0,05 par défaut) et une part PART de chaque défaut connu (0 par défaut).
  registry import-sirene FICHIER [--etablissements FICHIER] [--json]
      Importe les acheteurs du « Stock des unités légales » de l'INSEE (CSV ou zip, data.gouv.fr) :
      communes, EPCI, syndicats, départements, régions, hôpitaux, services de l'État, établissements
      publics, bailleurs sociaux, SEM… ; avec le stock des établissements, la commune du siège. Tout
      ou rien : un fichier refusé ne change rien (code de sortie 2).
  decp estimate --buyer SIREN --year AAAA [--json]
      Estimation des achats annuels (marchés notifiés dans l'année ; montants étalés sur la durée)
      et situation par rapport au seuil du SPASER : probablement au-dessus, en dessous, ou incertain.

  backup [--out FICHIER]
      Sauvegarde la base (PGlite : serveur arrêté ; PostgreSQL : pg_dump, serveur en marche) et les
      fichiers stockés dans une archive tar avec son manifeste (par défaut
      entraide-sauvegarde-AAAA-MM-JJTHH-MM-SSZ.tar dans le dossier courant). Voir docs/deployment.md.
  restore FICHIER [--force]
      Restaure une archive de « backup » après l'avoir vérifiée (empreintes, type de base, niveau de
      migration) ; refuse une cible non vide sans --force. Serveur(s) arrêté(s).

La commande utilise la même configuration que le serveur (DATA_DIR, DATABASE_URL…).`;

class UsageError extends Error {}

async function run(argv: string[]) {
  const config = loadConfig();
  const log = createLogger({ ...config, logLevel: 'warn' });
  const [group, action, ...rest] = argv;
  const command = [group, action].filter(Boolean).join(' ');

  if (command === 'db migrate') {
    // The migrations only (no seeding, no jobs): what a server also does at its start, under the same lock.
    const database = await openDatabase(config);
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
    console.log('Migrations appliquées : la base est au niveau de ce code.');
    return;
  }
  if (command === 'db reset') {
    const { values } = parseArgs({ args: rest, options: { yes: { type: 'boolean' } } });
    if (config.env === 'production' && !values.yes) throw new UsageError('En production, confirmez avec --yes.');
    if (!config.databaseUrl) {
      // Refuse while a server holds the folder; the lock is released before the new start below.
      lockDataDir(config.dataDir)();
      fs.rmSync(path.join(config.dataDir, 'pgdata'), { recursive: true, force: true });
      fs.rmSync(path.join(config.dataDir, 'outbox'), { recursive: true, force: true });
    }
    const deps = await createDeps(config, log);
    if (config.databaseUrl) {
      await deps.db.execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
      await deps.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
      await deps.db.execute(sql`CREATE SCHEMA public`);
      await deps.database.migrate();
    }
    await deps.database.close();
    console.log('Base réinitialisée : elle sera remplie au prochain démarrage (npm start).');
    return;
  }

  if (group === 'backup') {
    const { values } = parseArgs({ args: [action, ...rest].filter((x): x is string => !!x), options: { out: { type: 'string' } } });
    const now = new Date();
    const out = values.out ?? `entraide-sauvegarde-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z.tar`;
    const { createBackup } = await import('../server/platform/backup.js');
    const m = await createBackup(config, out, now);
    console.log(
      `Sauvegarde écrite : ${path.resolve(out)} (${m.database === 'pglite' ? 'base embarquée' : 'PostgreSQL'}, migration ${m.migration.tag ?? m.migration.when}, ${m.fileCount} fichiers stockés)`,
    );
    return;
  }
  if (group === 'restore') {
    const { values, positionals } = parseArgs({ args: [action, ...rest].filter((x): x is string => !!x), allowPositionals: true, options: { force: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new UsageError('Indiquez une archive à restaurer (créée par « backup »).');
    const { restoreBackup } = await import('../server/platform/backup.js');
    const m = await restoreBackup(config, positionals[0]!, { force: values.force ?? false });
    console.log(
      `Sauvegarde du ${m.createdAt} restaurée (${m.fileCount} fichiers stockés, migration ${m.migration.tag ?? m.migration.when}). Démarrez le serveur : il appliquera les migrations plus récentes s'il y en a.`,
    );
    return;
  }

  if (command === 'users create-admin') {
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, password: { type: 'string' }, 'first-name': { type: 'string' }, 'last-name': { type: 'string' } },
    });
    const email = emailField.safeParse(values.email ?? '');
    if (!email.success) throw new UsageError(`--email : ${email.error.issues[0]!.message}`);
    const password = values.password ?? randomBytes(12).toString('base64url');
    const pw = newPasswordField.safeParse(password);
    if (!pw.success) throw new UsageError(`--password : ${pw.error.issues[0]!.message}`);
    const { createAdmin } = await import('../server/accounts/accounts.service.js');
    const deps = await createDeps(config, log);
    try {
      const r = await createAdmin(deps, { email: email.data, password, firstName: values['first-name'] ?? 'Admin', lastName: values['last-name'] ?? 'Entraide' });
      console.log(r.created ? `Administrateur créé : ${email.data}` : `Compte existant promu administrateur : ${email.data} (mot de passe inchangé)`);
      if (r.created && !values.password) console.log(`Mot de passe (affiché une seule fois) : ${password}`);
    } finally {
      await deps.database.close();
    }
    return;
  }

  if (group === 'seed') {
    const { values } = parseArgs({ args: [action, ...rest].filter((x): x is string => !!x), options: { demo: { type: 'boolean' } } });
    const [{ territories }, { seedRegistry }, { seedDemo }] = await Promise.all([
      import('../server/territories/territories.tables.js'),
      import('../server/organisations/registry.js'),
      import('../server/seed/demo.js'),
    ]);
    const deps = await createDeps(config, log);
    try {
      const [{ n }] = (await deps.db.select({ n: count() }).from(territories)) as [{ n: number }];
      if (Number(n) === 0) console.log('Référentiel chargé :', await seedRegistry(deps.db, deps.clock.now()));
      else console.log('Référentiel déjà présent.');
      if (values.demo) {
        const demo = await seedDemo(deps);
        console.log(demo ? `Démonstration créée ; mot de passe commun : ${demo.password}` : 'Des comptes existent déjà : rien à faire.');
      }
    } finally {
      await deps.database.close();
    }
    return;
  }
  if (command === 'decp generate') {
    const { values } = parseArgs({
      args: rest,
      options: {
        contracts: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, defects: { type: 'string' },
        'defect-kinds': { type: 'string' }, duplicates: { type: 'string' }, seed: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' },
      },
    });
    try {
      const out = await decpGenerate({ ...values, defectKinds: values['defect-kinds'], json: values.json ?? false });
      process.stdout.write(`${out.stdout}\n`);
    } catch (e) {
      if (e instanceof DecpUsageError) throw new UsageError(e.message);
      throw e;
    }
    return;
  }
  if (group === 'decp' && (action === 'import' || action === 'indicators' || action === 'estimate')) {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: action === 'import',
      options: {
        json: { type: 'boolean' }, buyer: { type: 'string' }, year: { type: 'string' },
        ...(action === 'indicators' ? { departement: { type: 'string' }, region: { type: 'string' }, kind: { type: 'string' }, national: { type: 'boolean' } } as const : {}),
      },
    });
    const json = values.json ?? false;
    const group = values as { departement?: string; region?: string; kind?: string; national?: boolean };
    // Arguments are checked before the database is opened: a usage error changes nothing.
    if (action === 'estimate' && !values.buyer) throw new UsageError('--buyer : obligatoire.');
    try {
      if (action === 'indicators') (parseScope({ buyer: values.buyer, ...group }), parseYear(values.year, false));
      if (action === 'estimate') (parseSiren(values.buyer), parseYear(values.year, true));
    } catch (e) {
      if (e instanceof DecpUsageError) throw new UsageError(e.message);
      throw e;
    }
    if (action === 'import' && !positionals.length) throw new UsageError('Indiquez au moins un fichier DECP à importer.');
    // These commands enqueue no job: the job handlers of every module are not loaded (runtime.ts).
    const deps = await createDeps(config, log, undefined, { jobs: false });
    try {
      const out =
        action === 'import'
          ? await decpImport(deps, positionals, { json, progress: !json && process.stderr.isTTY ? process.stderr : undefined })
          : action === 'indicators'
            ? await decpIndicators(deps, { buyer: values.buyer, ...group, year: values.year, json })
            : await decpEstimate(deps, { buyer: values.buyer, year: values.year, json });
      process.stdout.write(`${out.stdout}\n`);
      process.exitCode = out.exitCode;
    } catch (e) {
      if (e instanceof DecpUsageError) throw new UsageError(e.message);
      throw e;
    } finally {
      await deps.database.close();
    }
    return;
  }
  if (command === 'registry import-sirene') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { etablissements: { type: 'string' }, json: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new UsageError('Indiquez un fichier : le stock des unités légales (StockUniteLegale_utf8.csv ou .zip).');
    const json = values.json ?? false;
    const { registryImportSirene } = await import('./registry.js');
    const deps = await createDeps(config, log);
    try {
      const out = await registryImportSirene(deps, positionals[0]!, {
        json,
        etablissements: values.etablissements,
        progress: !json && process.stderr.isTTY ? progressBar(process.stderr) : undefined,
        dataDir: config.databaseUrl ? undefined : config.dataDir,
      });
      process.stdout.write(`${out.stdout}\n`);
      process.exitCode = out.exitCode;
    } finally {
      await deps.database.close();
    }
    return;
  }
  throw new UsageError(command ? `Commande inconnue : ${command}` : 'Indiquez une commande.');
}

run(process.argv.slice(2)).catch(async (err) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n\n${usage}`);
    process.exit(2);
  }
  if (err instanceof DataDirLockedError && (process.argv[2] === 'backup' || process.argv[2] === 'restore')) {
    console.error(`${err.message}\nLa base embarquée se sauvegarde et se restaure serveur arrêté : arrêtez-le, relancez la commande, puis redémarrez-le (docs/deployment.md).`);
    process.exit(1);
  }
  const backupError = process.argv[2] === 'backup' || process.argv[2] === 'restore' ? (await import('../server/platform/backup.js')).BackupError : null;
  if (err instanceof ConfigError || err instanceof DataDirLockedError || (backupError && err instanceof backupError)) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(`Erreur : ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
