import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { isKnownPage, paths } from '../../web/paths.js';
import { spaserSectionKeys } from '../spaser/spaser.contract.js';
import { firstCourse, firstCourseResources } from './first-course.js';
import { installFirstCourse } from './first-course.install.js';

// Issue 22, item 2: the first course as installed on every platform. Every lesson names its
// sources; every link it gives resolves — its library resources (public, with the official text's
// address), its builder step (a part of the SPASER and a page the web app knows); the list of
// docs/course-spaser.md names every lesson.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  expect(await installFirstCourse(t.deps)).toEqual({ installed: true });
});
afterAll(() => t?.close());

type Outline = { minutes: number; enforceOrder: boolean; chapters: { lessons: { id: string; title: string; hasQuiz: boolean }[] }[] };

describe('the first course', () => {
  it('is installed once, published, about 3 h 30 long, in order', async () => {
    expect(await installFirstCourse(t.deps)).toEqual({ installed: false });
    const res = await t.agent().get(`/api/courses/${firstCourse.slug}`);
    expect(res.statusCode, res.body).toBe(200);
    const outline: Outline = res.json();
    // 3 h 30 is 210 minutes; the sum of the lessons' estimates, within 10 minutes of it.
    expect(outline.minutes).toBeGreaterThanOrEqual(200);
    expect(outline.minutes).toBeLessThanOrEqual(220);
    expect(outline.enforceOrder).toBe(true);
    // At least one lesson per required fact (12), and a quiz closing each chapter.
    expect(outline.chapters.flatMap((c) => c.lessons).length).toBeGreaterThanOrEqual(12);
    for (const ch of outline.chapters) expect(ch.lessons.at(-1)!.hasQuiz).toBe(true);
    // Findable: in the sitemap, with the catalogue.
    const sitemap = (await t.agent().get('/sitemap.xml')).body;
    expect(sitemap).toContain(`/formations/${firstCourse.slug}</loc>`);
    expect(sitemap).toContain('/formations</loc>');
  });

  it('names the sources of every lesson, and every link of it resolves', async () => {
    const outline: Outline = (await t.agent().get(`/api/courses/${firstCourse.slug}`)).json();
    const visitor = t.agent();
    const checkedResources = new Set<string>();
    for (const l of outline.chapters.flatMap((c) => c.lessons)) {
      const res = await visitor.get(`/api/courses/${firstCourse.slug}/lessons/${l.id}`);
      expect(res.statusCode, `${l.id}: ${res.body}`).toBe(200);
      const { lesson } = res.json();
      expect(lesson.sources.length, l.id).toBeGreaterThan(0);
      for (const s of lesson.sources) expect(s.url, l.id).toMatch(/^https:\/\/[^\s]+$/);
      // « Pour aller plus loin »: every resource the repository names, public in the library.
      const named = firstCourse.chapters.flatMap((c) => c.lessons).find((x) => x.id === l.id)!.furtherReading;
      expect(lesson.resources.length, l.id).toBe(named.length);
      expect(named.length, l.id).toBeGreaterThan(0);
      for (const r of lesson.resources) {
        if (checkedResources.has(r.id)) continue;
        const page = await visitor.get(`/api/library/resources/${r.id}`);
        expect(page.statusCode, `${l.id} → ${r.title}`).toBe(200);
        expect(page.json().links.length).toBeGreaterThan(0);
        checkedResources.add(r.id);
      }
      // « Mettre en pratique »: a part of the builder, through a page the web app knows.
      if (lesson.practice !== null) {
        expect(spaserSectionKeys).toContain(lesson.practice);
        expect(isKnownPage(paths.spaserStep(lesson.practice).split('?')[0]!)).toBe(true);
      }
      // Links in the text are absolute web addresses (the renderer drops anything else).
      for (const [, href] of lesson.html.matchAll(/href="([^"]*)"/g)) expect(href, l.id).toMatch(/^https:\/\//);
    }
    expect(checkedResources.size).toBe(firstCourseResources.length);
  });

  it('is listed lesson by lesson, with its facts and sources, in docs/course-spaser.md', () => {
    const doc = fs.readFileSync(path.resolve('docs/course-spaser.md'), 'utf8');
    for (const l of firstCourse.chapters.flatMap((c) => c.lessons)) {
      expect(doc, l.id).toContain(l.id);
      for (const s of l.sources) expect(doc, `${l.id}: ${s.url}`).toContain(s.url);
    }
  });
});
