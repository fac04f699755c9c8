import type { ResourceKind } from '../library/library.contract.js';
import type { Theme } from '../../shared/fields.js';
import type { CourseDocument, CourseLesson } from './learning.content.js';

/**
 * The shape of the first course as written in the repository (first-course.ts): like a course
 * document, except that « Pour aller plus loin » names library resources by their key in
 * `CourseResourceSeed` — the install creates those resources once (library `sourceKey`
 * `course:<key>`) and puts their ids in the lessons.
 */
export type CourseResourceSeed = {
  key: string;
  kind: ResourceKind;
  title: string;
  summary: string;
  /** Markdown: what the document is, what to read in it and why. */
  body: string;
  themes: Theme[];
  /** Where to read the document itself (official sites): 1 to 5 links. */
  links: { label: string; url: string }[];
  producer: string;
  licence: string;
  /** YYYY-MM-DD */
  publishedOn: string;
};

export type SeedLesson = Omit<CourseLesson, 'resourceIds'> & { furtherReading: string[] };

export type SeedCourse = Omit<CourseDocument, 'chapters'> & {
  slug: string;
  chapters: { id: string; title: string; lessons: SeedLesson[] }[];
};
