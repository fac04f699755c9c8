import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { organisationDetail, searchQuery, searchResponse } from '../../server/organisations/organisations.contract';
import { api, query } from '../platform/api';

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

export const organisationKey = (id: string) => ['organisation', id] as const;

/** An organisation's page; `date` (YYYY-MM-DD) evaluates the SPASER obligation at another date. */
export function useOrganisation(id: string, date: string | null) {
  return useQuery({
    queryKey: [...organisationKey(id), date],
    queryFn: () => api.get(`/api/organisations/${encodeURIComponent(id)}${query({ date })}`, organisationDetail),
    // Another date of the same organisation: keep showing it while the rule is evaluated again.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === id ? previous : undefined),
  });
}
