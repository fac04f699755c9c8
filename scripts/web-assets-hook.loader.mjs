// The loader hook of web-assets-hook.mjs (module.register runs it in the loader's own thread).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.css')) return { format: 'module', source: '', shortCircuit: true };
  if (url.startsWith('file:') && url.endsWith('.svg')) {
    const address = `/${path.relative(root, fileURLToPath(url)).split(path.sep).join('/')}`;
    return { format: 'module', source: `export default ${JSON.stringify(address)};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
