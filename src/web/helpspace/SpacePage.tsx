import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { directoryResponse } from '../../server/accounts/accounts.contract';
import { listQuestionsQuery, okResponse } from '../../server/helpspace/helpspace.contract';
import { themeKeys } from '../../shared/fields';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError, query } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, ViewLinks, pageParam, useFocusOnChange } from '../platform/results';
import { useSession } from '../platform/session';
import { helpKey, useQuestions, useSpace } from './api';
import { QuestionCard } from './components';
import { helpLabels } from './labels';

const L = helpLabels.space;
type Sort = 'recent' | 'unanswered' | 'votes';
const sorts: Sort[] = ['recent', 'unanswered', 'votes'];
const sortParam = { recent: '', unanswered: 'sans-reponse', votes: 'plus-votees' } as const;
const readSort = (v: string | null): Sort => (v === 'sans-reponse' ? 'unanswered' : v === 'plus-votees' ? 'votes' : 'recent');

export function SpacePage() {
  const { id = '' } = useParams();
  const space = useSpace(id);
  const session = useSession();
  const [sp, setSp] = useSearchParams();
  const sort = readSort(sp.get('tri'));
  const page = pageParam(sp.get('page'));
  const theme = sp.get('theme') ?? '';
  const solved = sp.get('resolues') ?? '';
  const [form, setForm] = useState({ theme, solved });
  const urlKey = sp.toString();
  useEffect(() => setForm({ theme: sp.get('theme') ?? '', solved: sp.get('resolues') ?? '' }), [urlKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(resultsHeading, page);

  const parsed = listQuestionsQuery.safeParse({
    spaceId: id,
    theme: theme || undefined,
    solved: solved === 'oui' ? 'true' : solved === 'non' ? 'false' : undefined,
    sort,
    page,
  });
  const questions = useQuestions(parsed.success ? parsed.data : { spaceId: id, sort: 'recent', page: 1 });
  const qc = useQueryClient();
  const follow = useMutation({
    mutationFn: (on: boolean) => (on ? api.put(`/api/help/follows/space/${id}`, {}, okResponse) : api.delete(`/api/help/follows/space/${id}`, okResponse)),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...helpKey, 'space', id] }),
  });

  if (space.isPending) return <PageLoading title={L.loadingTitle} breadcrumb={[{ label: helpLabels.home.title, to: paths.helpHome() }]} />;
  if (space.isError)
    return (
      <Page title={isApiError(space.error) && space.error.status === 404 ? L.notFoundTitle : L.loadingTitle} breadcrumb={[{ label: helpLabels.home.title, to: paths.helpHome() }]}>
        <Alert severity="error" small description={isApiError(space.error) && space.error.status === 404 ? L.notFoundText : space.error.message} />
      </Page>
    );
  const s = space.data;

  const linkFor = (next: Sort) => {
    const n = new URLSearchParams(sp);
    n.delete('page');
    if (sortParam[next]) n.set('tri', sortParam[next]);
    else n.delete('tri');
    const q = n.toString();
    return `${paths.helpSpace(id)}${q ? `?${q}` : ''}`;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = new URLSearchParams();
    if (sortParam[sort]) n.set('tri', sortParam[sort]);
    if (form.theme) n.set('theme', form.theme);
    if (form.solved) n.set('resolues', form.solved);
    setSp(n);
  };
  const status = questions.isPending ? platformLabels.loading : questions.data ? L.count(questions.data.total, questions.data.totalCapped) : '';

  return (
    <Page title={s.name} breadcrumb={[{ label: helpLabels.home.title, to: paths.helpHome() }]} lead={s.description || undefined}>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-3w fr-btns-group--icon-left">
        {s.can.post && (
          <li>
            <Link className="fr-btn fr-icon-question-line fr-btn--icon-left" to={paths.helpAsk(s.id)}>
              {helpLabels.home.ask}
            </Link>
          </li>
        )}
        {session.user && (
          <li>
            <Button priority="secondary" onClick={() => follow.mutate(!s.following)} disabled={follow.isPending} aria-pressed={s.following}>
              {L.follow}
            </Button>
          </li>
        )}
        {session.user && (
          <li>
            <a className="fr-btn fr-btn--tertiary fr-icon-download-line fr-btn--icon-left" href={`/api/help/spaces/${s.id}/export.csv`} download>
              {L.export}
            </a>
          </li>
        )}
      </ul>
      <p role="status" aria-live="polite" className="fr-sr-only">
        {follow.isSuccess ? (s.following ? L.followingDone : L.unfollowDone) : ''}
      </p>

      <ViewLinks label={L.tabsLabel} views={sorts} current={sort} linkFor={linkFor} text={(k) => L.tabs[k]} />

      <section aria-labelledby="space-filters" className="fr-mb-4w">
        <h2 id="space-filters" className="fr-h5">
          {L.filtersTitle}
        </h2>
        <form onSubmit={submit} noValidate aria-labelledby="space-filters">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <SelectField
                id="space-theme"
                label={L.theme}
                optional
                value={form.theme}
                onChange={(v) => setForm((f) => ({ ...f, theme: v }))}
                emptyOption={L.themeAll}
                options={themeKeys.map((k) => ({ value: k, label: helpLabels.themes[k] }))}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <SelectField
                id="space-solved"
                label={L.solved}
                optional
                value={form.solved}
                onChange={(v) => setForm((f) => ({ ...f, solved: v }))}
                emptyOption={L.solvedAll}
                options={[
                  { value: 'oui', label: L.solvedYes },
                  { value: 'non', label: L.solvedNo },
                ]}
              />
            </div>
          </div>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            <li>
              <Button type="submit">{L.filter}</Button>
            </li>
            <li>
              <Button type="button" priority="tertiary" onClick={() => setSp(new URLSearchParams())}>
                {L.reset}
              </Button>
            </li>
          </ul>
        </form>
      </section>

      <section aria-labelledby="space-results">
        <h2 id="space-results" ref={resultsHeading} tabIndex={-1} className="entraide-focus-target">
          {L.resultsTitle} — {L.tabs[sort]}
        </h2>
        <ResultsStatus text={status} />
        {questions.isError && <FocusedAlert severity="error" as="h3" title={questions.error.message} />}
        {questions.data && questions.data.items.length > 0 && (
          <ul className="entraide-plain-list" aria-busy={questions.isFetching}>
            {questions.data.items.map((q) => (
              <QuestionCard key={q.id} q={q} />
            ))}
          </ul>
        )}
        {questions.data && <PageLinks page={questions.data.page} total={questions.data.total} pageSize={questions.data.pageSize} />}
      </section>

      {s.can.manageMembers && s.kind === 'private' && <MembersSection spaceId={s.id} name={s.name} members={s.members} />}
    </Page>
  );
}

function MembersSection({ spaceId, name, members }: { spaceId: string; name: string; members: { id: string; firstName: string; lastName: string }[] }) {
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const found = useQuery({
    queryKey: ['members', { q: searched }],
    queryFn: () => api.get(`/api/members${query({ q: searched })}`, directoryResponse),
    enabled: searched !== null,
    placeholderData: keepPreviousData,
  });
  const change = useMutation({
    mutationFn: (v: { userId: string; add: boolean; name: string }) =>
      v.add ? api.put(`/api/help/spaces/${spaceId}/members/${v.userId}`, {}, okResponse) : api.delete(`/api/help/spaces/${spaceId}/members/${v.userId}`, okResponse),
    onSuccess: async (_r, v) => {
      setError('');
      setMessage(v.add ? L.added(v.name) : L.removed(v.name));
      await qc.invalidateQueries({ queryKey: [...helpKey, 'space', spaceId] });
    },
    onError: (e) => {
      setMessage('');
      setError(e instanceof Error ? e.message : platformLabels.unexpectedError);
    },
  });
  const memberIds = new Set(members.map((m) => m.id));
  return (
    <section aria-labelledby="space-members" className="fr-mt-6w">
      <h2 id="space-members">{L.membersTitle}</h2>
      <p role="status" aria-live="polite">
        {message}
      </p>
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      {members.length === 0 ? (
        <p>{L.noMembers}</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>{L.membersCaption(name)}</caption>
            <thead>
              <tr>
                <th scope="col">{L.colName}</th>
                <th scope="col">{L.colAction}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const full = `${m.firstName} ${m.lastName}`;
                return (
                  <tr key={m.id}>
                    <td>{full}</td>
                    <td>
                      <Button size="small" priority="tertiary" onClick={() => change.mutate({ userId: m.id, add: false, name: full })} disabled={change.isPending}>
                        {L.removeText}
                        <span className="fr-sr-only"> {full}</span>
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="fr-h5">{L.addTitle}</h3>
      <form
        noValidate
        role="search"
        aria-label={L.addTitle}
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(q.trim());
        }}
      >
        <TextField id="space-member-q" label={L.addSearch} hint={L.addSearchHint} type="search" value={q} onChange={setQ} maxLength={100} />
        <Button type="submit" priority="secondary">
          {L.addSearchSubmit}
        </Button>
      </form>
      <ResultsStatus text={found.data ? L.addResults(found.data.total) : ''} />
      {found.data && (
        <ul className="entraide-plain-list">
          {found.data.items
            .filter((m) => !memberIds.has(m.id))
            .map((m) => {
              const full = `${m.firstName} ${m.lastName}`;
              return (
                <li key={m.id} className="fr-mb-1w">
                  {full} {m.organisations[0] ? `(${m.organisations[0].name})` : ''}{' '}
                  <Button size="small" priority="secondary" onClick={() => change.mutate({ userId: m.id, add: true, name: full })} disabled={change.isPending}>
                    {L.addText}
                    <span className="fr-sr-only"> {full}</span>
                  </Button>
                </li>
              );
            })}
        </ul>
      )}
    </section>
  );
}
