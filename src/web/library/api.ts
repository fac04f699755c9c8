import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  audiencesResponse,
  collectionDetail,
  collectionsResponse,
  listResponse,
  proposalsResponse,
  resourceDetail,
  uploadLimitsResponse,
  type listQuery,
} from '../../server/library/library.contract';
import { api, query } from '../platform/api';

export type ResourceSummary = z.infer<typeof listResponse>['items'][number];
export type ListParams = Partial<z.output<typeof listQuery>>;

/** Every cached answer of the library starts with this key: invalidated after each write. */
export const libraryKey = ['library'] as const;

export const useResources = (params: ListParams) =>
  useQuery({
    queryKey: [...libraryKey, 'resources', params],
    queryFn: () => api.get(`/api/library/resources${query(params)}`, listResponse),
    placeholderData: keepPreviousData,
  });

export const useResource = (id: string) =>
  useQuery({ queryKey: [...libraryKey, 'resource', id], queryFn: () => api.get(`/api/library/resources/${encodeURIComponent(id)}`, resourceDetail) });

export const useCollections = () => useQuery({ queryKey: [...libraryKey, 'collections'], queryFn: () => api.get('/api/library/collections', collectionsResponse) });

export const useCollection = (id: string) =>
  useQuery({ queryKey: [...libraryKey, 'collection', id], queryFn: () => api.get(`/api/library/collections/${encodeURIComponent(id)}`, collectionDetail) });

export const useProposals = () => useQuery({ queryKey: [...libraryKey, 'proposals'], queryFn: () => api.get('/api/library/proposals', proposalsResponse) });

export const useAudiences = (enabled: boolean) =>
  useQuery({ queryKey: [...libraryKey, 'audiences'], queryFn: () => api.get('/api/library/audiences', audiencesResponse), enabled });

export const useUploadLimits = () => useQuery({ queryKey: [...libraryKey, 'limits'], queryFn: () => api.get('/api/library/upload-limits', uploadLimitsResponse) });
