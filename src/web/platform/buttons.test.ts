import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 13, item 2: the DSFR turns every button with an icon inside a `fr-btns-group` into an
// icon-only square (its label clipped away) unless the group says where the icon goes. Every group
// of the web app says it; the Chromium check over pages (tests/e2e/first-hour.e2e.ts) looks at the
// rendered result.

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.tsx') ? [p] : [];
  });
}

describe('item 2: button groups keep the labels of their icon buttons', () => {
  it('item 2: every fr-btns-group of src/web has fr-btns-group--icon-left (or --icon-right)', () => {
    const groups = sources('src/web').flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/["'`]([^"'`]*\bfr-btns-group\b[^"'`]*)["'`]/g)].map((m) => ({ file, classes: m[1]! })),
    );
    // The pages named by the issue are among them: help-space home, notifications, the question page.
    expect(groups.length).toBeGreaterThan(20);
    const withoutPosition = groups.filter((g) => !/\bfr-btns-group--icon-(left|right)\b/.test(g.classes)).map((g) => `${g.file}: ${g.classes}`);
    expect(withoutPosition).toEqual([]);
  });
});
