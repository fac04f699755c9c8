import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { cohortCodevResponse, noteItem, sessionDetail, sessionState, summaryResponse } from '../../server/codev/codev.contract';
import { api } from '../platform/api';

export type CohortCodev = z.infer<typeof cohortCodevResponse>;
export type SessionDetail = z.infer<typeof sessionDetail>;
export type SessionState = z.infer<typeof sessionState>;
export type NoteItem = z.infer<typeof noteItem>;

/** Every cached answer of the co-development pages starts with this key. */
export const codevKey = ['codev'] as const;

export const useCohortCodev = (cohortId: string) =>
  useQuery({ queryKey: [...codevKey, 'cohort', cohortId], queryFn: () => api.get(`/api/codev/cohorts/${encodeURIComponent(cohortId)}`, cohortCodevResponse) });

export const useCodevSession = (id: string) =>
  useQuery({ queryKey: [...codevKey, 'session', id], queryFn: () => api.get(`/api/codev/sessions/${encodeURIComponent(id)}`, sessionDetail) });

export const useSummary = (id: string) =>
  useQuery({ queryKey: [...codevKey, 'summary', id], queryFn: () => api.get(`/api/codev/sessions/${encodeURIComponent(id)}/summary`, summaryResponse), retry: false });
