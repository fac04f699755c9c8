import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 13, item 13: what a newcomer needs is on the README's first screen; the module pages exist.
const readme = fs.readFileSync('README.md', 'utf8');

describe('item 13: README', () => {
  it('item 13: the first screen says what it is, the two commands, the demo accounts, where e-mails go, the test commands', () => {
    const firstScreen = readme.split('\n').slice(0, 50).join('\n');
    for (const needed of ['npm ci && npm start', 'npm test', 'npm run test:pg', 'npm run test:e2e', 'admin@entraide.example', 'animation@entraide.example', 'data/outbox', 'SPASER']) {
      expect(firstScreen, needed).toContain(needed);
    }
    expect(readme.split('\n').length).toBeLessThan(200);
  });

  it('item 13: one page per module under docs/modules, each linked from the README, each link alive', () => {
    const links = [...readme.matchAll(/\]\((docs\/modules\/[\w-]+\.md)\)/g)].map((m) => m[1]!);
    const pages = fs.readdirSync('docs/modules').map((f) => `docs/modules/${f}`);
    expect(links.sort()).toEqual(pages.sort());
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const page of pages) {
      for (const [, target] of fs.readFileSync(page, 'utf8').matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)) {
        expect(fs.existsSync(path.resolve('docs/modules', target!)), `${page} → ${target}`).toBe(true);
      }
    }
  });
});
