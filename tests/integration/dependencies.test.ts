import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// Issue 13, item 12: `npm ci` must not warn that a package needs a newer Node than the one the
// README promises. Every package the lock file installs must accept the oldest Node of package.json.

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

describe('item 12: install on the promised Node', () => {
  it('item 12: every package of the lock file accepts the oldest Node of package.json (no EBADENGINE at npm ci)', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    expect(oldest).toBe('20.19.0');
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(oldest, p.engines.node))
      .map(([name, p]) => `${name}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
