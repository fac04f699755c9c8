import { useQuery } from '@tanstack/react-query';
import { territoriesResponse } from '../../server/territories/territories.contract';
import { api } from './api';

/** Regions and départements (names by code), loaded once: they change with the law, not the session. */
export function useTerritories() {
  const q = useQuery({
    queryKey: ['territories'],
    queryFn: () => api.get('/api/territories', territoriesResponse),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const regions = q.data?.regions ?? [];
  const departements = q.data?.departements ?? [];
  return {
    ...q,
    regions,
    departements,
    regionName: (code: string | null | undefined) => (code ? (regions.find((r) => r.code === code)?.name ?? code) : null),
    departementName: (code: string | null | undefined) => (code ? (departements.find((d) => d.code === code)?.name ?? null) : null),
  };
}
