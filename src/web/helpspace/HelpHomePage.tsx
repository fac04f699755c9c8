import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { createSpaceBody, createdResponse } from '../../server/helpspace/helpspace.contract';
import { Loading, Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { helpKey, useHome, useSpaces, useThemes } from './api';
import { QuestionCard } from './components';
import { helpLabels } from './labels';

const L = helpLabels.home;

export function HelpHomePage() {
  const session = useSession();
  const spaces = useSpaces();
  const themes = useThemes();
  const community = spaces.data?.items.find((s) => s.kind === 'community');

  return (
    <Page title={L.title} lead={L.lead}>
      {!session.user && (
        <Alert
          severity="info"
          small
          className="fr-mb-4w"
          description={
            <>
              {L.visitorNotice} <Link to={paths.logIn(paths.helpHome())}>{L.logIn}</Link> · <Link to={paths.terms()}>{L.whoReads}</Link>
            </>
          }
        />
      )}
      {session.user && !session.canUseDirectory && <Alert severity="info" small className="fr-mb-4w" description={L.unverifiedNotice} />}

      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-4w fr-btns-group--icon-left">
        {community?.can.post && (
          <li>
            <Link className="fr-btn fr-icon-question-line fr-btn--icon-left" to={paths.helpAsk()}>
              {L.ask}
            </Link>
          </li>
        )}
        <li>
          <Link className="fr-btn fr-btn--secondary fr-icon-search-line fr-btn--icon-left" to={paths.helpSearch()}>
            {L.search}
          </Link>
        </li>
        {session.isStaff && (
          <li>
            <Link className="fr-btn fr-btn--tertiary" to={paths.helpModeration()}>
              {L.moderation}
            </Link>
          </li>
        )}
      </ul>

      <HomeLists communityId={community?.id} />

      <section aria-labelledby="help-spaces" className="fr-mb-6w">
        <h2 id="help-spaces">{L.spacesTitle}</h2>
        {spaces.isPending && <Loading />}
        {spaces.isError && <Alert severity="error" small description={spaces.error.message} />}
        {spaces.data && (
          <ul className="fr-grid-row fr-grid-row--gutters entraide-plain-list">
            {spaces.data.items.map((s) => (
              <li key={s.id} className="fr-col-12 fr-col-md-6">
                <div className="fr-card fr-enlarge-link fr-card--sm">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">
                        <Link to={paths.helpSpace(s.id)}>{s.name}</Link>
                      </h3>
                      <p className="fr-card__desc">{s.description}</p>
                      <div className="fr-card__start">
                        <Badge as="p" small severity={s.kind === 'community' ? 'info' : 'new'} className="fr-mb-1w">
                          {s.kind === 'community' ? L.community : L.private}
                        </Badge>
                      </div>
                      <div className="fr-card__end">
                        <p className="fr-card__detail">{L.questionsCount(s.questionsCount)}</p>
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="help-themes" className="fr-mb-6w">
        <h2 id="help-themes">{L.themesTitle}</h2>
        {themes.data && community && (
          <ul className="fr-tags-group">
            {themes.data.items.map((t) => (
              <li key={t.key}>
                <Link className="fr-tag" to={`${paths.helpSpace(community.id)}?theme=${encodeURIComponent(t.key)}`}>
                  {L.themeCount(t.label, t.questionsCount)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {session.isStaff && <CreateSpaceForm />}
    </Page>
  );
}

type ListKey = keyof typeof L.lists;

/**
 * The questions of the home, as a forum's: latest, unanswered, most useful, and the member's followed
 * questions (the API gives `followed: null` to a visitor). Each list links to the community space's
 * list in the same order.
 */
function HomeLists({ communityId }: { communityId?: string }) {
  const home = useHome();
  if (home.isPending) return <Loading />;
  if (home.isError) return <Alert severity="error" small className="fr-mb-4w" description={home.error.message} />;
  const lists: { key: ListKey; items: NonNullable<typeof home.data.followed>; sort?: string }[] = [
    ...(home.data.followed ? [{ key: 'followed' as const, items: home.data.followed }] : []),
    { key: 'latest', items: home.data.latest, sort: '' },
    { key: 'unanswered', items: home.data.unanswered, sort: 'sans-reponse' },
    { key: 'useful', items: home.data.useful, sort: 'plus-votees' },
  ];
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
      {lists.map(({ key, items, sort }) => (
        <section key={key} aria-labelledby={`help-home-${key}`} className="fr-col-12 fr-col-lg-6">
          <h2 id={`help-home-${key}`} className="fr-h4">
            {L.lists[key].title}
          </h2>
          {items.length === 0 ? (
            <p className="fr-text--sm">{L.lists[key].empty}</p>
          ) : (
            <ul className="entraide-plain-list">
              {items.map((q) => (
                <QuestionCard key={q.id} q={q} />
              ))}
            </ul>
          )}
          {sort !== undefined && communityId && items.length > 0 && (
            <p className="fr-text--sm">
              <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={`${paths.helpSpace(communityId)}${sort ? `?tri=${sort}` : ''}`}>
                {L.lists[key].more}
              </Link>
            </p>
          )}
        </section>
      ))}
    </div>
  );
}

function CreateSpaceForm() {
  const [form, setForm] = useState({ name: '', description: '' });
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (body: unknown) => api.post('/api/help/spaces', body, createdResponse),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: helpKey });
      navigate(paths.helpSpace(r.id), { state: { flash: L.spaceCreated } });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(createSpaceBody, form);
    if (body) create.mutate(body);
  };
  return (
    <section aria-labelledby="help-create-space">
      <h2 id="help-create-space">{L.createSpaceTitle}</h2>
      <p>{L.createSpaceLead}</p>
      <ErrorSummary feedback={errors.feedback} fields={{ name: { label: L.spaceName, id: 'space-name' }, description: { label: L.spaceDescription, id: 'space-description' } }} as="h3" />
      {create.isSuccess && <FocusedAlert severity="success" as="h3" title={L.spaceCreated} />}
      <form onSubmit={submit} noValidate>
        <TextField id="space-name" label={L.spaceName} value={form.name} onChange={(v) => setForm((f) => ({ ...f, name: v }))} error={errors.error('name')} maxLength={120} />
        <TextField id="space-description" label={L.spaceDescription} optional textArea rows={3} value={form.description} onChange={(v) => setForm((f) => ({ ...f, description: v }))} error={errors.error('description')} />
        <Button type="submit" disabled={create.isPending}>
          {L.createSpace}
        </Button>
      </form>
    </section>
  );
}
