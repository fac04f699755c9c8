import { useQuery } from '@tanstack/react-query';
import { cardsResponse, followUpResponse, myCardResponse } from '../../server/cohorts/programme/participants.contract';
import { api } from '../platform/api';
import { cohortsKey } from './api';

// Cached answers of the décollage cards and the follow-up (under the cohorts key: invalidated with them).
const enc = encodeURIComponent;

export const useCards = (cohortId: string, enabled = true) =>
  useQuery({ queryKey: [...cohortsKey, 'cards', cohortId], queryFn: () => api.get(`/api/cohorts/${enc(cohortId)}/cards`, cardsResponse), enabled, retry: false });
export const useMyCard = (cohortId: string) =>
  useQuery({ queryKey: [...cohortsKey, 'my-card', cohortId], queryFn: () => api.get(`/api/cohorts/${enc(cohortId)}/cards/mine`, myCardResponse), retry: false });
export const useFollowUp = (cohortId: string) =>
  useQuery({ queryKey: [...cohortsKey, 'follow-up', cohortId], queryFn: () => api.get(`/api/cohorts/${enc(cohortId)}/follow-up`, followUpResponse), retry: false });
export const followUpCsvUrl = (cohortId: string) => `/api/cohorts/${enc(cohortId)}/follow-up/export.csv`;
