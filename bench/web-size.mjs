// What the home page downloads from the built web app (dist/web, `npm run build`): the entry script
// and the chunks index.html preloads with it (the home page is in the entry; every other page is a
// chunk loaded when visited), and the stylesheets it links; raw, gzip and Brotli sizes, read from the
// build's own .gz and .br copies. `node bench/web-size.mjs` (figures in docs/performance.md).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
const refs = (re) => [...html.matchAll(re)].map((m) => m[1].split('?')[0]);
const js = [...new Set([...refs(/<script[^>]+src="([^"]+)"/g), ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)])];
const css = [...new Set(refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g))];
// A file too small to gain from compression has no copy: the plain file is what is sent.
const size = (f, plain = f) => fs.statSync(fs.existsSync(f) ? f : plain).size;
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
function table(title, files) {
  let raw = 0, gz = 0, br = 0;
  console.log(`${title} (${files.length} files)`);
  for (const f of files) {
    const p = path.join(web, f);
    const s = [size(p), size(`${p}.gz`, p), size(`${p}.br`, p)];
    raw += s[0]; gz += s[1]; br += s[2];
    console.log(`  ${f.padEnd(48)} ${kb(s[0]).padStart(10)} ${kb(s[1]).padStart(10)} gzip ${kb(s[2]).padStart(10)} br`);
  }
  console.log(`  ${'total'.padEnd(48)} ${kb(raw).padStart(10)} ${kb(gz).padStart(10)} gzip ${kb(br).padStart(10)} br`);
}
table('Home page JavaScript', js);
table('Home page stylesheets', css);
const chunks = fs.readdirSync(path.join(web, 'assets')).filter((f) => f.endsWith('.js'));
console.log(`JavaScript chunks in the build: ${chunks.length}`);
