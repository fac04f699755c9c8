import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownPage, paths } from './paths';

// The server answers 404 to an address no page pattern knows: every route of the web app must be
// listed, or a reload of that page (or a link from an e-mail) shows an error in the console
// (found by the screenshot tour of issue 13: the cohort and survey edit pages).
describe('page patterns', () => {
  const source = fs.readFileSync(path.resolve('src/web/routes.tsx'), 'utf8');
  const routes = [...source.matchAll(/path: paths\.(\w+)\(([^)]*)\)/g)].map(([, name, args]) => {
    const values = args!.split(',').map((a) => a.trim().replace(/^'|'$/g, '')).filter(Boolean).map((a) => (a.startsWith(':') ? 'x1' : a));
    return (paths as Record<string, (...a: string[]) => string>)[name!]!(...values);
  });

  it('finds the routes of the router', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes).toContain('/promotions/x1/modifier');
  });

  it('knows every route', () => {
    expect(routes.filter((r) => !isKnownPage(r.split('?')[0]!))).toEqual([]);
  });
});
