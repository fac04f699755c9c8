import { useQuery } from '@tanstack/react-query';
import { spaserDetail, spaserList } from '../../server/spaser/spaser.contract';
import { api } from '../platform/api';

export const spasersKey = ['spasers'] as const;
export const spaserKey = (id: string) => ['spaser', id] as const;

export function useMySpasers(enabled: boolean) {
  return useQuery({ queryKey: spasersKey, queryFn: () => api.get('/api/spasers', spaserList), enabled });
}

export function useSpaser(id: string) {
  return useQuery({ queryKey: spaserKey(id), queryFn: () => api.get(`/api/spasers/${encodeURIComponent(id)}`, spaserDetail) });
}
