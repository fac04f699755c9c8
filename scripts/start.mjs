// `npm start`: builds what is missing or older than its sources (scripts/build.mjs: a stat of each
// source file against the build's stamp, a few milliseconds when nothing changed), then runs the
// built server with plain node, in this very process (no npm, tsx or second node in between).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build, isStale } from './build.mjs';

/**
 * The demo's stand-in for ProConnect (docs/modules/accounts.md, « Démonstration »): where the demo
 * content is seeded, outside production, without a real ProConnect configured and unless
 * PROCONNECT_DEMO=false, the local provider of `npm run demo:proconnect` (oidc-provider, a
 * devDependency, on 127.0.0.1:3998) runs beside the platform, so that « S'identifier avec ProConnect »
 * can be tried at once. It stops with the platform. When it cannot start (port taken, development
 * dependencies not installed), the platform starts without the button, as without configuration.
 */
function wantsProConnectDemo(env) {
  const production = env.NODE_ENV === 'production';
  const demo = env.SEED_DEMO ? env.SEED_DEMO === 'true' : !production;
  return demo && !production && !env.PROCONNECT_ISSUER && env.PROCONNECT_DEMO !== 'false';
}

function startProConnectDemo() {
  const script = fileURLToPath(new URL('./proconnect-demo-provider.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, PROCONNECT_DEMO_JSON: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail('pas de réponse en 30 s'), 30_000);
    function fail(why) {
      clearTimeout(timer);
      child.kill();
      reject(new Error(why));
    }
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => fail(e.message));
    child.on('exit', (code) => fail(`arrêté (code ${code}) ${err.trim().split('\n').slice(-1)[0] ?? ''}`));
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // From now on its output (oidc-provider's development warnings) is read and dropped.
      child.stdout.removeAllListeners('data');
      child.stderr.removeAllListeners('data');
      child.stdout.resume();
      child.stderr.resume();
      // The platform's clean exit (SIGTERM, Ctrl+C) takes the provider with it.
      process.once('exit', () => child.kill());
      child.on('exit', (code) => process.stderr.write(`Fournisseur ProConnect de démonstration arrêté (code ${code}).\n`));
      resolve(JSON.parse(line));
    });
  });
}

const stale = ['server', 'web'].filter(isStale);
if (stale.length) {
  process.stdout.write(`Construction de l'application (${stale.join(' et ')} : absente ou sources modifiées)…\n`);
  await build(stale);
}
if (wantsProConnectDemo(process.env)) {
  try {
    const demo = await startProConnectDemo();
    Object.assign(process.env, {
      PROCONNECT_ISSUER: demo.issuer,
      PROCONNECT_CLIENT_ID: demo.clientId,
      PROCONNECT_CLIENT_SECRET: demo.clientSecret,
      PROCONNECT_ALLOW_HTTP: 'true',
      PROCONNECT_TRUSTED_IDP_IDS: demo.trustedIdpIds,
    });
    process.stdout.write(
      `ProConnect de démonstration : ${demo.issuer} (identifiants agent.lyon, prive.lyon ou lea.moreau, tout mot de passe ; PROCONNECT_DEMO=false pour s'en passer)\n`,
    );
  } catch (e) {
    process.stdout.write(`ProConnect de démonstration non démarré (${e.message}) : la plateforme démarre sans le bouton ProConnect.\n`);
  }
}
await import('../dist/server/start.js');
