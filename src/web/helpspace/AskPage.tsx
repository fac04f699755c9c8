import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { createQuestionBody, createdResponse, TITLE_MAX } from '../../server/helpspace/helpspace.contract';
import { themeKeys } from '../../shared/fields';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, useFormErrors, DraftRestoredNotice } from '../platform/forms';
import { useSession } from '../platform/session';
import { helpKey, useSimilar, useSpaces } from './api';
import { MarkdownHelp, splitTags } from './components';
import { helpLabels } from './labels';

const L = helpLabels.ask;

/** The value, once it has not changed for `ms` (suggestions are asked for when typing pauses). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

type Form = { spaceId: string; title: string; body: string; theme: string; tags: string };

const ids = { spaceId: 'ask-space', title: 'ask-title', body: 'ask-body', theme: 'ask-theme', tags: 'ask-tags' } as const;

export function AskPage() {
  const { user } = useSession();
  const [sp] = useSearchParams();
  const spaces = useSpaces();
  const postable = spaces.data?.items.filter((s) => s.can.post) ?? [];
  const initial: Form = { spaceId: sp.get('espace') ?? '', title: '', body: '', theme: '', tags: '' };
  // Saved in this browser at each keystroke: a network error or a closed tab loses nothing.
  const draft = useDraft<Form>(user ? `question.${user.id}` : null, initial);
  // Until a space is chosen, the community space (the draft may keep another one).
  const community = spaces.data?.items.find((s) => s.kind === 'community');
  const form = { ...draft.value, spaceId: draft.value.spaceId || community?.id || '' };
  const set = (k: keyof Form) => (v: string) => draft.setValue((f) => ({ ...f, [k]: v }));
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();

  const typed = useDebounced(form.title.trim(), 400);
  const similar = useSimilar(typed, form.spaceId);
  const suggestions = typed.length >= 3 ? (similar.data?.items ?? []) : [];

  const create = useMutation({
    mutationFn: (body: unknown) => api.post('/api/help/questions', body, createdResponse),
    onSuccess: async (r) => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: helpKey });
      navigate(paths.helpQuestion(r.id));
    },
    onError: errors.fail,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(createQuestionBody, { ...form, tags: splitTags(form.tags) });
    if (body) create.mutate(body);
  };

  if (spaces.data && postable.length === 0) {
    return (
      <Page title={L.title} breadcrumb={[{ label: helpLabels.home.title, to: paths.helpHome() }]}>
        <Alert severity="info" title={L.notAllowedTitle} description={helpLabels.home.unverifiedNotice} />
      </Page>
    );
  }

  return (
    <Page title={L.title} breadcrumb={[{ label: helpLabels.home.title, to: paths.helpHome() }]} lead={L.lead}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{
          spaceId: { label: L.space, id: ids.spaceId },
          title: { label: L.titleLabel, id: ids.title },
          body: { label: L.body, id: ids.body },
          theme: { label: L.theme, id: ids.theme },
          tags: { label: L.tags, id: ids.tags },
        }}
      />
      {draft.restored && (
        <DraftRestoredNotice onDiscard={draft.discard} />
      )}
      <p className="fr-text--sm">{L.required}</p>
      <form onSubmit={submit} noValidate>
        {postable.length > 1 && (
          <SelectField id={ids.spaceId} label={L.space} value={form.spaceId} onChange={set('spaceId')} error={errors.error('spaceId')} options={postable.map((s) => ({ value: s.id, label: s.name }))} />
        )}
        <TextField id={ids.title} label={L.titleLabel} hint={L.titleHint} value={form.title} onChange={set('title')} error={errors.error('title')} maxLength={TITLE_MAX} />
        <div className="fr-mb-4w">
          <p role="status" aria-live="polite" aria-atomic="true" className="fr-text--sm fr-mb-1w" id="ask-similar-status">
            {L.similarCount(suggestions.length)}
          </p>
          {suggestions.length > 0 && (
            <section aria-labelledby="ask-similar-title" className="fr-callout fr-py-2w">
              <h2 id="ask-similar-title" className="fr-h6">
                {L.similarTitle}
              </h2>
              <ul>
                {suggestions.map((s) => (
                  <li key={s.id}>
                    <Link to={paths.helpQuestion(s.id)}>
                      {s.title} {s.solved && L.similarSolved}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <TextField id={ids.body} label={L.body} hint={L.bodyHint} textArea rows={10} value={form.body} onChange={set('body')} error={errors.error('body')} />
        <MarkdownHelp />
        <SelectField
          id={ids.theme}
          label={L.theme}
          value={form.theme}
          onChange={set('theme')}
          error={errors.error('theme')}
          emptyOption={L.themeEmpty}
          options={themeKeys.map((k) => ({ value: k, label: helpLabels.themes[k] }))}
        />
        <TextField id={ids.tags} label={L.tags} hint={L.tagsHint} optional value={form.tags} onChange={set('tags')} error={errors.error('tags')} />
        <Button type="submit" disabled={create.isPending}>
          {L.submit}
        </Button>
      </form>
    </Page>
  );
}
