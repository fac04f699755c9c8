import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  homeResponse,
  listQuestionsQuery,
  questionPage,
  questionsResponse,
  searchQuery,
  searchResponse,
  similarResponse,
  spaceDetail,
  spacesResponse,
  themesResponse,
} from '../../server/helpspace/helpspace.contract';
import { api, query } from '../platform/api';
import { helpKey } from './keys';

export type QuestionPageData = z.infer<typeof questionPage>;
export type AnswerData = QuestionPageData['answers'][number];
export type CommentData = QuestionPageData['comments'][number];
export type ListParams = z.output<typeof listQuestionsQuery>;
export type SearchParams = z.output<typeof searchQuery>;

/** Every cached answer of the help space starts with this key (keys.ts: the server names it too). */
export { helpKey };

/** The home's lists of questions (latest, unanswered, most useful, followed). */
export const useHome = () => useQuery({ queryKey: [...helpKey, 'home'], queryFn: () => api.get('/api/help/home', homeResponse) });

export const useSpaces = () => useQuery({ queryKey: [...helpKey, 'spaces'], queryFn: () => api.get('/api/help/spaces', spacesResponse) });
export const useThemes = () => useQuery({ queryKey: [...helpKey, 'themes'], queryFn: () => api.get('/api/help/themes', themesResponse) });

export const useSpace = (id: string) =>
  useQuery({ queryKey: [...helpKey, 'space', id], queryFn: () => api.get(`/api/help/spaces/${encodeURIComponent(id)}`, spaceDetail) });

export const useQuestions = (params: ListParams) =>
  useQuery({
    queryKey: [...helpKey, 'questions', params],
    queryFn: () => api.get(`/api/help/questions${query(params)}`, questionsResponse),
    placeholderData: keepPreviousData,
  });

export const useQuestion = (id: string) =>
  useQuery({ queryKey: [...helpKey, 'question', id], queryFn: () => api.get(`/api/help/questions/${encodeURIComponent(id)}`, questionPage) });

export const useSearch = (params: SearchParams | null) =>
  useQuery({
    queryKey: [...helpKey, 'search', params],
    queryFn: () => api.get(`/api/help/search${query(params ?? {})}`, searchResponse),
    placeholderData: keepPreviousData,
    enabled: params !== null,
  });

/** Titles close to the one being typed (the caller debounces). */
export const useSimilar = (title: string, spaceId: string) =>
  useQuery({
    queryKey: [...helpKey, 'similar', title, spaceId],
    queryFn: () => api.get(`/api/help/questions/similar${query({ title, spaceId })}`, similarResponse),
    enabled: title.trim().length >= 3,
    placeholderData: keepPreviousData,
  });
