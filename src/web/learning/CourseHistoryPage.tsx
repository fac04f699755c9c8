import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { revisionResponse } from '../../server/learning/learning.contract';
import { Loading, Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { formatDateTime } from '../platform/format';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { learningApi, learningKey, useDraft, useRevision, useRevisions } from './api';
import { learningLabels } from './labels';

const H = learningLabels.history;

/** /formations/:slug/historique (staff): the published versions; one can be taken back into the draft. */
export function CourseHistoryPage() {
  const { slug = '' } = useParams();
  const q = useRevisions(slug);
  const draft = useDraft(slug);
  const qc = useQueryClient();
  const [shown, setShown] = useState<Set<number>>(() => new Set());
  const restore = useMutation({
    mutationFn: async (n: number) => {
      // The revision's document, and the draft as it is now (the save is refused over a later one).
      const revision = await qc.fetchQuery({
        queryKey: [...learningKey, 'revision', slug, n],
        queryFn: () => api.get(`/api/courses/${encodeURIComponent(slug)}/revisions/${n}`, revisionResponse),
      });
      const current = await draft.refetch();
      if (!current.data) throw current.error ?? new Error(platformLabels.unexpectedError);
      await learningApi.saveDraft(slug, revision.document, current.data.draftUpdatedAt);
      return n;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: learningKey }),
  });

  const breadcrumb = [{ label: learningLabels.catalogue.title, to: paths.courses() }];
  if (q.isPending) return <PageLoading title={learningLabels.course.history} breadcrumb={breadcrumb} />;
  if (q.isError)
    return (
      <Page title={learningLabels.course.history} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={q.error.message} />
        <p className="fr-mt-2w">
          <Link to={paths.courses()}>{learningLabels.catalogue.title}</Link>
        </p>
      </Page>
    );
  const { title, items } = q.data;
  const published = items.length > 0;
  const toggle = (n: number) =>
    setShown((s) => {
      const next = new Set(s);
      if (next.has(n)) next.delete(n);
      else next.add(n);
      return next;
    });
  return (
    <Page title={H.title(title)} breadcrumb={[...breadcrumb, ...(published ? [{ label: title, to: paths.course(slug) }] : [])]} lead={H.lead}>
      <p>
        <Link to={paths.courseEdit(slug)}>{H.openEditor}</Link>
      </p>
      {restore.isSuccess && (
        <FocusedAlert
          severity="success"
          title={H.restored(restore.data)}
          focusKey={restore.data}
          description={
            <Link to={paths.courseEdit(slug)} className="fr-link">
              {H.openEditor}
            </Link>
          }
        />
      )}
      {restore.isError && <Alert severity="error" small className="fr-mb-3w" description={restore.error.message} />}
      {draft.data?.unpublishedChanges && published && <Alert severity="warning" small className="fr-mb-3w" description={H.restoreWarning} />}
      {!published ? (
        <p>{H.empty}</p>
      ) : (
        <ol className="fr-pl-0" style={{ listStyle: 'none' }}>
          {items.map((r) => {
            const open = shown.has(r.number);
            const contentId = `revision-${r.number}-content`;
            return (
              <li key={r.number} className="fr-mb-4w fr-pb-3w" style={{ borderBottom: '1px solid var(--border-default-grey)' }}>
                <h2 className="fr-h4 fr-mb-1w">{H.version(r.number)}</h2>
                <p className="fr-mb-1w">
                  {r.title} — {H.by(r.publishedBy, formatDateTime(r.publishedAt))}
                </p>
                <p className="fr-text--sm fr-mb-1w">{H.facts(r.lessonCount, r.minutes)}</p>
                <p className={r.note ? 'fr-mb-2w' : 'fr-mb-2w fr-text--sm'}>{r.note || H.noNote}</p>
                <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--sm">
                  <li>
                    <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" aria-expanded={open} aria-controls={open ? contentId : undefined} onClick={() => toggle(r.number)}>
                      {H.show}
                      <span className="fr-sr-only"> ({H.version(r.number)})</span>
                    </button>
                  </li>
                  <li>
                    <Button type="button" size="small" priority="secondary" disabled={restore.isPending || draft.isPending} onClick={() => restore.mutate(r.number)}>
                      {H.restore}
                      <span className="fr-sr-only"> ({H.version(r.number)})</span>
                    </Button>
                  </li>
                </ul>
                {open && (
                  <div id={contentId}>
                    <RevisionContent slug={slug} n={r.number} />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Page>
  );
}

function RevisionContent({ slug, n }: { slug: string; n: number }) {
  const q = useRevision(slug, n);
  if (q.isPending) return <Loading />;
  if (q.isError) return <Alert severity="error" small description={q.error.message} />;
  return (
    <ol>
      {q.data.document.chapters.map((c, ci) => (
        <li key={c.id}>
          {H.chapter(ci + 1, c.title)}
          <ol>
            {c.lessons.map((l) => (
              <li key={l.id}>{H.lesson(l.title, l.durationMinutes, l.quiz !== null)}</li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
