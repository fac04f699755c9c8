import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { kindCountsResponse, organisationDetail, searchQuery, searchResponse } from '../../server/organisations/organisations.contract';
import { api, query } from '../platform/api';
import { organisationKey, type VerdictAsked } from './page';

export type SearchParams = z.output<typeof searchQuery>;

/** Organisation search (name, SIREN or postcode), the previous page staying visible while the next loads. */
export function useOrganisationSearch(params: SearchParams | null, url = '/api/organisations', extra: Record<string, string> = {}) {
  return useQuery({
    queryKey: ['organisations', url, params, extra],
    queryFn: () => api.get(`${url}${query({ ...params, ...extra })}`, searchResponse),
    placeholderData: keepPreviousData,
    enabled: params !== null,
  });
}

/** The kinds the registry holds (the kind filter offers only these), kept for the session. */
export function useKindCounts() {
  return useQuery({ queryKey: ['organisation-kinds'], queryFn: () => api.get('/api/organisations/kinds', kindCountsResponse), staleTime: 10 * 60_000 });
}

/** The cache key of an organisation's page (page.ts: the server names it too). */
export { organisationKey };
export type { VerdictAsked };

/** An organisation's page; `date` (YYYY-MM-DD) evaluates the SPASER obligation at another date. */
export function useOrganisation(id: string, asked: VerdictAsked = { date: null, year: null }) {
  return useQuery({
    queryKey: [...organisationKey(id), asked.date, asked.year],
    queryFn: () => api.get(`/api/organisations/${encodeURIComponent(id)}${query({ date: asked.date, year: asked.year })}`, organisationDetail),
    // Another date of the same organisation: keep showing it while the rule is evaluated again.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === id ? previous : undefined),
  });
}
