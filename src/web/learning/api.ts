import { useQuery } from '@tanstack/react-query';
import {
  attestationResponse,
  courseOutline,
  coursesResponse,
  draftResponse,
  importResult,
  lessonResponse,
  progressResponse,
  quizResult,
  readResult,
  revisionResponse,
  revisionsResponse,
  verificationResponse,
  type QuizAnswers,
} from '../../server/learning/learning.contract';
import type { CourseDocument } from '../../server/learning/learning.content';
import { api, query } from '../platform/api';
import { attestationKey } from './AttestationView';

import { learningKey } from './local-keys';

export { learningKey };
const enc = encodeURIComponent;

export const useCourses = () => useQuery({ queryKey: [...learningKey, 'courses'], queryFn: () => api.get('/api/courses', coursesResponse) });

export const useCourse = (slug: string) => useQuery({ queryKey: [...learningKey, 'course', slug], queryFn: () => api.get(`/api/courses/${enc(slug)}`, courseOutline), retry: false });

export const useLesson = (slug: string, lessonId: string) =>
  useQuery({ queryKey: [...learningKey, 'lesson', slug, lessonId], queryFn: () => api.get(`/api/courses/${enc(slug)}/lessons/${enc(lessonId)}`, lessonResponse), retry: false });

export const useVerification = (code: string) =>
  useQuery({ queryKey: attestationKey(code), queryFn: () => api.get(`/api/public/attestations/${enc(code)}`, verificationResponse), retry: false, staleTime: 60_000 });

export const learningApi = {
  markRead: (slug: string, lessonId: string) => api.post(`/api/courses/${enc(slug)}/lessons/${enc(lessonId)}/read`, {}, readResult),
  answerQuiz: (slug: string, lessonId: string, answers: QuizAnswers['answers']) => api.post(`/api/courses/${enc(slug)}/lessons/${enc(lessonId)}/quiz`, { answers }, quizResult),
  importProgress: (slug: string, lessons: { lessonId: string; proof: string | null }[]) => api.post(`/api/courses/${enc(slug)}/progress/import`, { lessons }, importResult),
  attestation: (slug: string) => api.post(`/api/courses/${enc(slug)}/attestation`, {}, attestationResponse),
  createCourse: (input: { title: string; summary: string }) => api.post('/api/courses', input),
  saveDraft: (slug: string, document: CourseDocument, baseUpdatedAt: string | null) => api.put(`/api/courses/${enc(slug)}/draft`, { document, baseUpdatedAt }, draftResponse),
  publish: (slug: string, note: string) => api.post(`/api/courses/${enc(slug)}/publish`, { note }),
};

export const attestationPdfUrl = (slug: string) => `/api/courses/${enc(slug)}/attestation.pdf`;

// Facilitators.
export const useDraft = (slug: string) => useQuery({ queryKey: [...learningKey, 'draft', slug], queryFn: () => api.get(`/api/courses/${enc(slug)}/draft`, draftResponse), retry: false });
export const useRevisions = (slug: string) => useQuery({ queryKey: [...learningKey, 'revisions', slug], queryFn: () => api.get(`/api/courses/${enc(slug)}/revisions`, revisionsResponse), retry: false });
export const useRevision = (slug: string, n: number | null) =>
  useQuery({ queryKey: [...learningKey, 'revision', slug, n], queryFn: () => api.get(`/api/courses/${enc(slug)}/revisions/${n}`, revisionResponse), enabled: n !== null });
export const useProgress = (slug: string, cohort: string | undefined) =>
  useQuery({ queryKey: [...learningKey, 'progress', slug, cohort ?? null], queryFn: () => api.get(`/api/courses/${enc(slug)}/learners${query({ cohort })}`, progressResponse), retry: false });
export const progressCsvUrl = (slug: string, cohort: string | undefined) => `/api/courses/${enc(slug)}/learners.csv${query({ cohort })}`;
