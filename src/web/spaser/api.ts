import { useQuery } from '@tanstack/react-query';
import { spaserDetail, spaserList, spaserModels } from '../../server/spaser/spaser.contract';
import { api, query } from '../platform/api';
import { publishedSpaserResponse } from '../../server/spaser/document.contract';
import { publishedSpaserKey } from './PublishedSpaserView';

export const spasersKey = ['spasers'] as const;
export const spaserKey = (id: string) => ['spaser', id] as const;

export function useMySpasers(enabled: boolean) {
  return useQuery({ queryKey: spasersKey, queryFn: () => api.get('/api/spasers', spaserList), enabled });
}

export function useSpaser(id: string) {
  return useQuery({ queryKey: spaserKey(id), queryFn: () => api.get(`/api/spasers/${encodeURIComponent(id)}`, spaserDetail) });
}

/** The models offered to start an organisation's schéma (similar organisations, blank template). */
export function useSpaserModels(organisationId: string) {
  return useQuery({
    queryKey: ['spaser-models', organisationId],
    queryFn: () => api.get(`/api/spasers/models${query({ organisationId })}`, spaserModels),
    enabled: organisationId !== '',
  });
}

/** A published schéma, public (the server's page already carries it: ADR 0029). */
export function usePublishedSpaser(ref: string) {
  return useQuery({
    queryKey: publishedSpaserKey(ref),
    queryFn: () => api.get(`/api/public/schemas/${encodeURIComponent(ref)}`, publishedSpaserResponse),
    staleTime: 60_000,
  });
}
