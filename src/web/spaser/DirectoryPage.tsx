import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { directoryQuery, directoryResponse } from '../../server/spaser/directory.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { directoryKey, directoryParams, directorySearch, DirectoryView } from './DirectoryView';

/**
 * /schemas: the directory the server rendered, drawn again by the web app from the same data (its
 * query cache holds the server's answer under the same key). The URL is the state: filtering or
 * paging navigates, and the filters are read back from it with the API's own schema, so an invalid
 * one shows the same French message as the server's page.
 */
export function DirectoryPage() {
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const values = Object.fromEntries(directoryParams.flatMap((k) => (sp.has(k) ? [[k, sp.get(k)!]] : [])));
  const parsed = directoryQuery.safeParse(Object.fromEntries(sp));
  const q = parsed.success ? parsed.data : null;
  const found = useQuery({
    queryKey: q ? directoryKey(q) : ['spaser-directory', 'invalid'],
    queryFn: () => api.get(`/api/public/schemas?${directorySearch(q!)}`, directoryResponse),
    enabled: q !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  let errors: Record<string, string> | null = null;
  if (!parsed.success) {
    errors = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? '_')] ??= i.message;
  }
  const go = (next: Record<string, string>) => {
    const s = new URLSearchParams(next).toString();
    navigate(paths.spaserDirectory(s), { preventScrollReset: true });
  };
  return (
    <DirectoryView
      values={values}
      data={found.data ?? null}
      errors={errors}
      loading={found.isPending && q !== null}
      failure={found.isError ? found.error.message : null}
      onSubmit={go}
      onSelectRegion={(code) => go({ ...values, region: code })}
    />
  );
}
