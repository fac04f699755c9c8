import { eq, inArray } from 'drizzle-orm';
import { libraryResources } from '../library/library.tables.js';
import { createResource } from '../library/resources/resources.service.js';
import type { Deps } from '../platform/context.js';
import { firstCourse, firstCourseResources } from './first-course.js';
import { courseDocument, type CourseDocument } from './learning.content.js';
import { createCourse, publishCourse } from './learning.service.js';
import { courses } from './learning.tables.js';

export const FIRST_COURSE_KEY = 'first-course';
const resourceKey = (key: string) => `course:${key}`;

/**
 * Installs the first course (issue 22, item 2) once on every platform: its library resources (found
 * again by their `sourceKey`, created when missing), then the course itself, published as version 1.
 * Facilitators may then revise it like any course; installing again changes nothing.
 */
export async function installFirstCourse(deps: Deps): Promise<{ installed: boolean }> {
  const [existing] = await deps.db.select({ id: courses.id }).from(courses).where(eq(courses.sourceKey, FIRST_COURSE_KEY));
  if (existing) return { installed: false };
  const ids = await firstCourseResourceIds(deps);
  const document = firstCourseDocument(ids);
  const created = await createCourse(deps, null, { title: document.title, summary: document.summary, document, sourceKey: FIRST_COURSE_KEY });
  // The install's slug is the course's known address, whatever the title.
  await deps.db.update(courses).set({ slug: firstCourse.slug }).where(eq(courses.id, created.id));
  const published = await publishCourse(deps, null, firstCourse.slug, 'Première version.');
  if (!published.ok) throw new Error(`first course not published: ${published.error}`);
  return { installed: true };
}

/** The ids of the course's library resources by their key, creating the missing ones. */
export async function firstCourseResourceIds(deps: Deps): Promise<Map<string, string>> {
  const keys = firstCourseResources.map((r) => resourceKey(r.key));
  const found = await deps.db.select({ id: libraryResources.id, sourceKey: libraryResources.sourceKey }).from(libraryResources).where(inArray(libraryResources.sourceKey, keys));
  const ids = new Map(found.map((r) => [r.sourceKey!.slice('course:'.length), r.id]));
  for (const r of firstCourseResources) {
    if (ids.has(r.key)) continue;
    const { key, ...input } = r;
    const made = await createResource(deps, { ...input, visibility: 'public', segments: [] }, [], { createdBy: null, sourceKey: resourceKey(key) });
    if (!made.ok) throw new Error(`course resource ${key} not created: ${made.error} ${JSON.stringify(made.fields ?? {})}`);
    ids.set(key, made.value.id);
  }
  return ids;
}

/** The repository's course as a course document, « Pour aller plus loin » pointing at library ids. */
export function firstCourseDocument(resourceIds: ReadonlyMap<string, string>): CourseDocument {
  const { slug: _slug, ...rest } = firstCourse;
  return courseDocument.parse({
    ...rest,
    chapters: firstCourse.chapters.map((ch) => ({
      ...ch,
      lessons: ch.lessons.map(({ furtherReading, ...lesson }) => ({
        ...lesson,
        resourceIds: furtherReading.map((k) => {
          const id = resourceIds.get(k);
          if (!id) throw new Error(`unknown course resource ${k}`);
          return id;
        }),
      })),
    })),
  });
}
