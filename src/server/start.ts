import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWithFrenchError, main } from './main.js';

// `npm start`: builds the web app only when its sources changed since the last build, then serves it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const inputs = ['index.html', 'vite.config.ts', 'package-lock.json', 'src/web', 'src/shared', 'src/server'];

function hashInputs(): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return;
    const st = fs.statSync(full);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(full).sort()) walk(path.join(p, e));
    } else if (!p.endsWith('.test.ts')) {
      // The web app imports server contracts: any of them may change the bundle.
      if (p.startsWith('src/server') && !p.endsWith('.contract.ts')) return;
      h.update(p).update(fs.readFileSync(full));
    }
  };
  inputs.forEach(walk);
  return h.digest('hex');
}

const stamp = path.join(root, 'dist', '.build-hash');
const current = hashInputs();
const previous = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : '';
if (current !== previous || !fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  process.stdout.write("Construction de l'application web (sources modifiées)…\n");
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  // Hashed after the build: `react-dsfr update-icons` may rewrite index.html.
  fs.writeFileSync(stamp, hashInputs());
}
main().catch(exitWithFrenchError);
