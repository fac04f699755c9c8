import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root folder (where package.json is), found upwards from this module: the same
 * answer whether the code runs from src/ (tsx, Vitest) or bundled into dist/server/ (`npm start`,
 * scripts/build.mjs), where paths relative to a module's own file no longer hold.
 */
export const projectRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
})();

/** The built web app (Vite's output, with its .br and .gz copies), served by app.ts. */
export const webDistDir = path.join(projectRoot, 'dist', 'web');
