import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/platform/types.js';
import { createTestContext } from '../helpers/context.js';

// Issue 14, goal 3: the built web app is served precompressed (Brotli or gzip, chosen from
// Accept-Encoding; the plain file otherwise), hashed assets cached for a year, the rest revalidated.
// A folder laid out like dist/web (a hashed script, index.html, a DSFR stylesheet), each with the
// .br and .gz copies the build writes, made here with Node's zlib.
let ctx: Awaited<ReturnType<typeof createTestContext>>;
let app: App;
let webDir: string;

const script = `export const greeting = ${JSON.stringify('Bonjour, acheteuses et acheteurs publics ! '.repeat(40))};\n`;
const html = `<!doctype html><html lang="fr"><head><title>Entraide</title><script type="module" src="/assets/index-D4x9Kq2Z.js"></script></head><body><div id="root"></div></body></html>\n`;
const css = `.fr-btn { color: #000091; }\n`.repeat(50);

function writeWithCopies(rel: string, content: string) {
  const file = path.join(webDir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content));
}

beforeAll(async () => {
  ctx = await createTestContext();
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-web-'));
  writeWithCopies('index.html', html);
  writeWithCopies('assets/index-D4x9Kq2Z.js', script);
  writeWithCopies('dsfr/dsfr.min.css', css);
  app = await buildApp(ctx.deps, { webDir });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) => app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('goal 3: compressed static files, chosen by Accept-Encoding', () => {
  it('Accept-Encoding: br gets the Brotli copy, which decompresses to the file', async () => {
    const res = await get('/assets/index-D4x9Kq2Z.js', 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(script);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(script));
  });

  it('Accept-Encoding: gzip gets the gzip copy; a browser sending both gets Brotli; br refused (q=0) gets gzip', async () => {
    const gz = await get('/assets/index-D4x9Kq2Z.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(script);
    const both = await get('/assets/index-D4x9Kq2Z.js', 'gzip, deflate, br');
    expect(both.headers['content-encoding']).toBe('br');
    const noBr = await get('/assets/index-D4x9Kq2Z.js', 'br;q=0, gzip');
    expect(noBr.headers['content-encoding']).toBe('gzip');
  });

  it('no Accept-Encoding (or identity only) gets the plain file, with no content-encoding', async () => {
    for (const ae of [undefined, 'identity']) {
      const res = await get('/assets/index-D4x9Kq2Z.js', ae);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.payload).toBe(script);
    }
  });

  it('index.html is compressed too, for a known page (200) and an unknown one (404)', async () => {
    for (const [url, status] of [['/entraide', 200], ['/pas-une-page', 404]] as const) {
      const res = await get(url, 'gzip, br');
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(zlib.brotliDecompressSync(res.rawPayload).toString('utf8'), url).toBe(html);
      const plain = await get(url);
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.payload, url).toBe(html);
    }
  });
});

describe('goal 3: the home page, rendered on the server inside the built index.html (ADR 0037)', () => {
  it('is compressed by Accept-Encoding like the built files, the same page either way', async () => {
    const br = await get('/', 'gzip, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/html/);
    const page = zlib.brotliDecompressSync(br.rawPayload).toString('utf8');
    const gz = await get('/', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(page);
    const plain = await get('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(page);
    // The built shell around the rendered app: its script, the page inside #root.
    expect(page).toContain('/assets/index-D4x9Kq2Z.js');
    expect(page).toMatch(/<div id="root"><.+<\/div><script type="application\/json"/s);
  });
});

describe('goal 3: cache headers', () => {
  it('a hashed asset is cached for a year, immutable, compressed or not', async () => {
    for (const ae of ['br', 'gzip', undefined]) {
      const res = await get('/assets/index-D4x9Kq2Z.js', ae);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('index.html (by any page address or its own) and unhashed files are revalidated at each visit', async () => {
    for (const url of ['/', '/entraide', '/pas-une-page', '/index.html', '/dsfr/dsfr.min.css']) {
      for (const ae of ['br', undefined]) {
        const res = await get(url, ae);
        expect(res.headers['cache-control'], `${url} ${ae}`).toBe('no-cache');
      }
    }
  });

  it('a folder address, a file that does not exist and an escape from the folder get the app\'s 404 page, never a listing or a file outside', async () => {
    // The files are served by one wildcard route: whatever it cannot serve falls through to the page.
    const outside = `${path.basename(webDir)}-outside.txt`;
    fs.writeFileSync(path.join(path.dirname(webDir), outside), 'secret');
    for (const url of ['/assets', '/assets/', '/dsfr/', '/assets/absent-A1b2C3d4.js', `/..%2f${outside}`, `/assets/..%2f..%2f${outside}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.payload, url).toBe(html);
    }
    fs.rmSync(path.join(path.dirname(webDir), outside));
  });

  it('the API keeps its own answers: not found in JSON, never the page', async () => {
    const res = await get('/api/nothing-here', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });
});
