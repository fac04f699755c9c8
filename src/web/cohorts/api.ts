import { useQuery } from '@tanstack/react-query';
import {
  applicationsResponse,
  cohortDetail,
  cohortsResponse,
  individualResponses,
  resultsResponse,
  scheduleResponse,
  surveyDetail,
  surveysResponse,
} from '../../server/cohorts/cohorts.contract';
import { api } from '../platform/api';

/** Every cached answer of the cohorts pages starts with this key: invalidated after each write. */
export const cohortsKey = ['cohorts'] as const;
const enc = encodeURIComponent;

export const useCohorts = () => useQuery({ queryKey: [...cohortsKey, 'list'], queryFn: () => api.get('/api/cohorts', cohortsResponse) });
export const useCohort = (id: string) => useQuery({ queryKey: [...cohortsKey, 'cohort', id], queryFn: () => api.get(`/api/cohorts/${enc(id)}`, cohortDetail) });
export const useSchedule = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...cohortsKey, 'schedule', id], queryFn: () => api.get(`/api/cohorts/${enc(id)}/sessions`, scheduleResponse), enabled });
export const useSurveys = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...cohortsKey, 'surveys', id], queryFn: () => api.get(`/api/cohorts/${enc(id)}/surveys`, surveysResponse), enabled });
export const useApplications = (id: string) =>
  useQuery({ queryKey: [...cohortsKey, 'applications', id], queryFn: () => api.get(`/api/cohorts/${enc(id)}/applications`, applicationsResponse) });
export const useSurvey = (id: string) => useQuery({ queryKey: [...cohortsKey, 'survey', id], queryFn: () => api.get(`/api/cohorts/surveys/${enc(id)}`, surveyDetail) });
export const useResults = (id: string) => useQuery({ queryKey: [...cohortsKey, 'results', id], queryFn: () => api.get(`/api/cohorts/surveys/${enc(id)}/results`, resultsResponse) });
export const useIndividualResponses = (id: string) =>
  useQuery({ queryKey: [...cohortsKey, 'responses', id], queryFn: () => api.get(`/api/cohorts/surveys/${enc(id)}/responses`, individualResponses) });
