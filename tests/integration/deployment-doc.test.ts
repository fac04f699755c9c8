import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// Issue 25, item 4: docs/deployment.md is followed as written. Its « walkthrough » command blocks are,
// word for word and in the same order, the blocks of scripts/deployment-walkthrough.sh, which
// `npm run test:cluster` runs (tests/cluster/deployment.cluster.ts). The Dockerfile and the compose
// file, which no machine here can build, are held to the same commands and settings.

const doc = fs.readFileSync('docs/deployment.md', 'utf8');
const script = fs.readFileSync('scripts/deployment-walkthrough.sh', 'utf8');
const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
const compose = fs.readFileSync('deploy/compose.yaml', 'utf8');
const config = fs.readFileSync('src/server/config.ts', 'utf8');

/** name → lines of each `<!-- walkthrough: name -->` block of the page, in order. */
function docBlocks(): [string, string[]][] {
  return [...doc.matchAll(/<!-- walkthrough: ([\w-]+) -->\n```sh\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!.trimEnd().split('\n')]);
}
/** name → lines between `# doc: name` and `# end doc` in the script, in order. */
function scriptBlocks(): [string, string[]][] {
  return [...script.matchAll(/^# doc: ([\w-]+)\n([\s\S]*?)^# end doc$/gm)].map((m) => [m[1]!, m[2]!.trimEnd().split('\n')]);
}
/** The variables config.ts reads (its zod schema's keys). */
const known = new Set([...config.matchAll(/^ {4}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!));

describe('item 4: the deployment page and its walkthrough', () => {
  it('item 4: every command block of the page is the same block of the script, in the same order', () => {
    const fromDoc = docBlocks();
    expect(fromDoc.map(([n]) => n)).toEqual(['install', 'configure', 'migrate', 'start', 'check', 'backup', 'drill', 'drill-check', 'stop']);
    expect(scriptBlocks()).toEqual(fromDoc);
  });

  it('item 4: the script stops at the first failing command and cleans up what it started', () => {
    expect(script).toMatch(/^set -euo pipefail$/m);
    expect(script).toMatch(/^trap cleanup EXIT$/m);
    expect(fs.statSync('scripts/deployment-walkthrough.sh').mode & 0o111).not.toBe(0);
  });

  it('item 4: the page documents every production setting it names, and they exist in config.ts', () => {
    for (const v of ['SESSION_SECRET', 'BASE_URL', 'TRUST_PROXY', 'SMTP_URL', 'DATABASE_URL', 'DATA_DIR', 'FILE_STORE', 'S3_BUCKET', 'METRICS_TOKEN', 'METRICS_ALLOW_FROM', 'PROCONNECT_ISSUER', 'JOBS_ENABLED']) {
      expect(known, v).toContain(v);
      expect(doc, v).toContain(`\`${v}\``);
    }
    expect(doc).toContain('not built');
    expect(doc).toMatch(/Sizing/);
  });
});

describe('item 3: Dockerfile and compose in step with the tested deployment', () => {
  it('item 3: multi-stage, non-root, production dependencies only, the health check on /readyz, the build run with plain node', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^FROM node:20-[\w-]+ AS build$/m);
    expect(dockerfile).toMatch(/RUN npm ci /);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n\s+CMD curl -fsS "http:\/\/127\.0\.0\.1:\$\{PORT\}\/readyz"/m);
    // The walkthrough starts the same file the image runs.
    expect(dockerfile).toContain('CMD ["node", "dist/server/start.js"]');
    expect(script).toContain('node dist/server/start.js');
    expect(dockerfile).toContain('postgresql-client');
  });

  it('item 3: compose: two app processes named as the nginx upstream, PostgreSQL, nginx with the tested configuration, only settings config.ts knows', () => {
    for (const service of ['db:', 'app1:', 'app2:', 'nginx:']) expect(compose).toMatch(new RegExp(`^  ${service}`, 'm'));
    expect(compose).toContain('./nginx/entraide.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(fs.existsSync('deploy/nginx/entraide.conf')).toBe(true);
    const upstream = fs.readFileSync('deploy/nginx/entraide.conf', 'utf8');
    expect(upstream).toContain('server app1:3000');
    expect(upstream).toContain('server app2:3000');
    const appEnv = compose.slice(compose.indexOf('environment: &app-env'), compose.indexOf('depends_on:'));
    const set = [...appEnv.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(set.length).toBeGreaterThan(5);
    for (const v of set) expect(known, v).toContain(v);
    const example = fs.readFileSync('deploy/.env.example', 'utf8');
    for (const [, v] of example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)) if (v !== 'POSTGRES_PASSWORD') expect(known, v).toContain(v);
  });
});
