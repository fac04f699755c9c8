import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { actorsQuery, actorsResponse } from '../../server/actors/actors.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useSession } from '../platform/session';
import { actorsKey, actorsParams, actorsSearch, ActorsView } from './ActorsView';

/**
 * /acteurs: the directory the server rendered, drawn again by the web app from the same data (its
 * query cache holds the server's answer under the same key, ADR 0029). The URL is the state:
 * filtering, or choosing a région on the map, navigates.
 */
export function ActorsPage() {
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const values = Object.fromEntries(actorsParams.flatMap((k) => (sp.has(k) ? [[k, sp.get(k)!]] : [])));
  const parsed = actorsQuery.safeParse(Object.fromEntries(sp));
  const q = parsed.success ? parsed.data : null;
  const found = useQuery({
    queryKey: q ? actorsKey(q) : ['actors', 'invalid'],
    queryFn: () => api.get(`/api/public/actors?${actorsSearch(q!)}`, actorsResponse),
    enabled: q !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  let errors: Record<string, string> | null = null;
  if (!parsed.success) {
    errors = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? '_')] ??= i.message;
  }
  const go = (next: Record<string, string>) => navigate(paths.actors(new URLSearchParams(next).toString()), { preventScrollReset: true });
  return (
    <ActorsView
      values={values}
      data={found.data ?? null}
      errors={errors}
      loading={found.isPending && q !== null}
      failure={found.isError ? found.error.message : null}
      onSubmit={go}
      onSelectRegion={(code) => go({ ...values, region: code })}
      canAdd={session.isStaff}
    />
  );
}
