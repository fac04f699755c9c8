import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Theme } from '../../shared/fields';
import { announcementBody, announcementCreated, announcementPreview, ANNOUNCEMENT_THEMES_MAX } from '../../server/cohorts/programme/announcements.contract';
import type { z } from 'zod';
import { ThemePicker } from '../themes/components';
import { MarkdownHelp, PostBody } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { DraftRestoredNotice, ErrorSummary, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { cohortsKey, useCohort } from './api';
import { useAnnouncements } from './AnnouncementsSection';
import { cohortLabels } from './labels';
import { announcementLabels as L } from './editions.labels';

type Form = { title: string; body: string; themes: Theme[] };
const ids = { title: 'announcement-title', body: 'announcement-body', themes: 'announcement-themes' } as const;

/** `/promotions/:id/annonces/nouvelle`: write, preview (rendered by the server, with the number of recipients), send. The draft stays in this browser until sent. */
export function AnnouncementNewPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const cohort = useCohort(id);
  const list = useAnnouncements(id);
  const draft = useDraft<Form>(user ? `annonce.${id}.${user.id}` : null, { title: '', body: '', themes: [] });
  const form = draft.value;
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [preview, setPreview] = useState<z.infer<typeof announcementPreview> | null>(null);
  const url = `/api/cohorts/${encodeURIComponent(id)}/announcements`;
  const previewing = useMutation({ mutationFn: (body: unknown) => api.post(`${url}/preview`, body, announcementPreview), onSuccess: setPreview, onError: errors.fail });
  const sending = useMutation({
    mutationFn: (body: unknown) => api.post(url, body, announcementCreated),
    onSuccess: async (r) => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: cohortsKey });
      navigate(paths.cohort(id), { state: { flash: L.sent(r.recipientCount) } });
    },
    onError: (e) => {
      setPreview(null);
      errors.fail(e);
    },
  });
  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => {
    setPreview(null);
    draft.setValue((f) => ({ ...f, [k]: v }));
  };
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(cohort.data ? [{ label: cohort.data.name, to: paths.cohort(id) }] : [])];
  if (cohort.isPending || list.isPending) return <PageLoading title={L.newTitle} breadcrumb={breadcrumb} />;
  if (!list.data?.can.post)
    return (
      <Page title={L.newTitle} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={list.data ? L.forbidden : ((list.error as Error)?.message ?? L.forbidden)} />
      </Page>
    );
  const submitPreview = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(announcementBody, form);
    if (body) previewing.mutate(body);
  };
  return (
    <Page title={L.newTitle} breadcrumb={breadcrumb} lead={L.lead}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{ title: { label: L.title, id: ids.title }, body: { label: L.body, id: ids.body }, themes: { label: L.themes, id: ids.themes } }}
      />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      {!preview ? (
        <form onSubmit={submitPreview} noValidate>
          <TextField id={ids.title} label={L.title} hint={L.titleHint} value={form.title} onChange={set('title')} error={errors.error('title')} maxLength={150} />
          <TextField id={ids.body} label={L.body} hint={L.bodyHint} textArea rows={10} value={form.body} onChange={set('body')} error={errors.error('body')} />
          <MarkdownHelp />
          <ThemePicker id={ids.themes} legend={L.themes} max={ANNOUNCEMENT_THEMES_MAX} value={form.themes} onChange={(v) => set('themes')(v as Theme[])} error={errors.error('themes')} />
          <Button type="submit" disabled={previewing.isPending}>
            {L.preview}
          </Button>
        </form>
      ) : (
        <section aria-labelledby="announcement-preview">
          <h2 id="announcement-preview">{L.previewTitle}</h2>
          <div className="fr-card fr-p-3w fr-mb-3w">
            <h3 className="fr-h5">{preview.title}</h3>
            <PostBody html={preview.bodyHtml} />
          </div>
          <p role="status">{L.recipients(preview.recipientCount)}</p>
          <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-md">
            <li>
              <Button type="button" priority="secondary" onClick={() => setPreview(null)}>
                {L.edit}
              </Button>
            </li>
            <li>
              <Button type="button" disabled={sending.isPending} onClick={() => sending.mutate(errors.validate(announcementBody, form))}>
                {L.send}
              </Button>
            </li>
          </ul>
        </section>
      )}
    </Page>
  );
}
