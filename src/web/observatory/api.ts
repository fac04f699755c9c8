import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  buyersResponse,
  nationalResponse,
  organisationIndicatorsResponse,
  territoriesResponse,
} from '../../server/observatory/observatory.contract';
import { upload, uploadsResponse } from '../../server/procurement/uploads/uploads.contract';
import { api, query } from '../platform/api';

export const indicatorsKey = (id: string) => ['decpIndicators', id] as const;

/** An organisation's indicators; `year` chooses the year of the breakdowns (the latest by default). */
export function useOrganisationIndicators(id: string, year: number | null = null) {
  return useQuery({
    queryKey: year === null ? indicatorsKey(id) : [...indicatorsKey(id), year],
    queryFn: () => api.get(`/api/organisations/${encodeURIComponent(id)}/decp-indicators${query({ year })}`, organisationIndicatorsResponse),
    // Another year keeps the page in place while its breakdowns load.
    placeholderData: keepPreviousData,
  });
}

export function useNational() {
  return useQuery({ queryKey: ['observatory', 'national'], queryFn: () => api.get('/api/observatory/national', nationalResponse) });
}

export function useTerritoryShares(level: 'region' | 'departement') {
  return useQuery({ queryKey: ['observatory', 'territories', level], queryFn: () => api.get(`/api/observatory/territories${query({ level })}`, territoriesResponse), placeholderData: keepPreviousData });
}

export function useBuyers(params: { year: number | null; status: string; page: number }) {
  return useQuery({
    queryKey: ['observatory', 'buyers', params],
    queryFn: () => api.get(`/api/observatory/buyers${query({ year: params.year, status: params.status, page: params.page > 1 ? params.page : null })}`, buyersResponse),
    placeholderData: keepPreviousData,
  });
}

export function useUploads() {
  return useQuery({ queryKey: ['decpUploads'], queryFn: () => api.get('/api/decp/uploads', uploadsResponse) });
}

/** One upload, polled every second until its import ends. */
export function useUpload(id: string | null) {
  return useQuery({
    queryKey: ['decpUpload', id],
    queryFn: () => api.get(`/api/decp/uploads/${id}`, upload),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

/** Where an export is downloaded from. */
export const exportUrl = (table: string, format: 'csv' | 'xlsx', params: Record<string, string | number | null> = {}) => `/api/observatory/exports/${table}${query({ ...params, format })}`;
