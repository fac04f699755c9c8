import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { okResponse } from '../../server/library/library.contract';
import { PostBody } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { formatDate, formatDateTime } from '../platform/format';
import { FocusedAlert } from '../platform/forms';
import { libraryKey, useResource } from './api';
import { fileKindLabel, formatSize, kindLabel, ResourceList, segmentLabel } from './components';
import { libraryLabels } from './labels';
import { ThemeLinks } from '../themes/components';
import { ReviewForm } from './ReviewPage';

const L = libraryLabels.resource;
const crumbs = [{ label: L.back, to: paths.library() }];

export function ResourcePage() {
  const { id = '' } = useParams();
  const resource = useResource(id);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/library/resources/${encodeURIComponent(id)}`, okResponse),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: libraryKey });
      navigate(paths.library(), { state: { flash: L.deleted } });
    },
  });

  if (resource.isPending) return <PageLoading title={L.loadingTitle} breadcrumb={crumbs} />;
  if (resource.isError) {
    const notFound = isApiError(resource.error) && resource.error.status === 404;
    return (
      <Page title={notFound ? L.notFoundTitle : L.loadingTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={notFound ? L.notFoundText : resource.error.message} />
      </Page>
    );
  }
  const r = resource.data;
  const pdf = r.files.find((f) => f.previewUrl);
  const info: [string, ReactNode][] = [
    [L.kind, kindLabel(r.kind)],
    ...(r.themes.length ? [[L.themes, <ThemeLinks themes={r.themes} />] as [string, ReactNode]] : []),
    ...(r.segments.length ? [[L.segments, r.segments.map(segmentLabel).join(' ; ')] as [string, string]] : []),
    ...(r.producer ? [[L.producer, r.producer] as [string, string]] : []),
    ...(r.organisation && r.organisation.name !== r.producer ? [[L.organisation, r.organisation.name] as [string, string]] : []),
    ...(r.licence ? [[L.licence, r.licence] as [string, string]] : []),
    ...(r.publishedAt ? [[L.publishedAt, formatDate(r.publishedAt)] as [string, string]] : []),
    [L.audience, r.audienceName ? `${libraryLabels.visibilities[r.visibility]} : ${r.audienceName}` : libraryLabels.visibilities[r.visibility]],
  ];

  return (
    <Page title={r.title} breadcrumb={crumbs} lead={r.summary || undefined}>
      {r.status !== 'published' && (
        <Alert
          className="fr-mb-4w"
          severity={r.status === 'rejected' ? 'warning' : 'info'}
          small
          description={[r.status === 'rejected' ? L.rejectedNotice : L.proposedNotice, r.reviewMessage].filter(Boolean).join(' ')}
        />
      )}
      <p className="fr-mb-1w">
        <Badge as="span" small severity="info" noIcon className="fr-mr-1w">
          {kindLabel(r.kind)}
        </Badge>
        {r.status !== 'published' && (
          <Badge as="span" small severity="new" noIcon>
            {L.status[r.status]}
          </Badge>
        )}
      </p>
      {r.lastEdit && <p className="fr-text--sm fr-mb-1w">{L.lastEdit(formatDateTime(r.lastEdit.at), r.lastEdit.by)}</p>}
      {r.can.edit && (
        <p className="fr-mb-3w">
          <Link className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-edit-line fr-btn--icon-left" to={paths.libraryEdit(r.id)}>
            {L.edit}
          </Link>
        </p>
      )}
      {!r.can.edit && <div className="fr-mb-2w" />}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          {r.bodyHtml && <PostBody html={r.bodyHtml} />}
          <section aria-labelledby="resource-files-title" className="fr-mt-4w">
            <h2 id="resource-files-title">{L.filesTitle}</h2>
            {r.files.length === 0 && <p>{L.noFiles}</p>}
            <ul className="entraide-plain-list">
              {r.files.map((f) => (
                <li key={f.id} className="fr-py-1w">
                  <a className="fr-link fr-link--download" href={f.downloadUrl} download={f.fileName}>
                    {L.download(f.fileName)}
                    <span className="fr-link__detail">{L.fileMeta(fileKindLabel(f.kind), formatSize(f.size))}</span>
                  </a>
                  {L.extraction[f.extractionStatus] && (
                    <p className={`fr-text--xs fr-mb-0 ${f.extractionStatus === 'unreadable' ? 'fr-error-text' : ''}`}>
                      {L.extraction[f.extractionStatus]}
                      {f.extractionReason && ` ${f.extractionReason}`}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </section>
          {pdf && (
            <section aria-labelledby="resource-preview-title" className="fr-mt-4w">
              <h2 id="resource-preview-title">{L.previewTitle}</h2>
              <iframe src={pdf.previewUrl!} title={L.preview(pdf.fileName)} className="entraide-pdf-preview" />
            </section>
          )}
          {r.links.length > 0 && (
            <section aria-labelledby="resource-links-title" className="fr-mt-4w">
              <h2 id="resource-links-title">{L.linksTitle}</h2>
              <ul>
                {r.links.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} target="_blank" rel="noopener noreferrer nofollow" title={`${l.label} — nouvelle fenêtre`}>
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <section aria-labelledby="resource-info-title">
            <h2 id="resource-info-title" className="fr-h5">
              {L.infoTitle}
            </h2>
            <dl>
              {info.map(([k, v]) => (
                <div key={k} className="fr-mb-1w">
                  <dt className="fr-text--bold fr-text--sm fr-mb-0">{k}</dt>
                  <dd className="fr-text--sm fr-ml-0 fr-mb-0">{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          {r.collections.length > 0 && (
            <section aria-labelledby="resource-collections-title" className="fr-mt-3w">
              <h2 id="resource-collections-title" className="fr-h5">
                {L.collectionsTitle}
              </h2>
              <ul>
                {r.collections.map((c) => (
                  <li key={c.id}>
                    <Link to={paths.libraryCollection(c.id)}>{c.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {r.can.delete && (
            <div className="fr-mt-3w">
              {remove.isError && <FocusedAlert severity="error" as="h3" title={remove.error.message} />}
              <Button priority="tertiary" iconId="fr-icon-delete-line" iconPosition="left" onClick={() => window.confirm(L.deleteConfirm) && remove.mutate()}>
                {L.delete}
              </Button>
            </div>
          )}
        </div>
      </div>
      {r.can.review && (
        <section aria-labelledby="resource-review-title" className="fr-mt-4w">
          <h2 id="resource-review-title">{L.reviewTitle}</h2>
          <ReviewForm resourceId={r.id} />
        </section>
      )}
      {r.status === 'published' && (
        <section aria-labelledby="resource-similar-title" className="fr-mt-6w">
          <h2 id="resource-similar-title">{L.similarTitle}</h2>
          {r.similar.length ? <ResourceList items={r.similar} /> : <p>{L.noSimilar}</p>}
        </section>
      )}
    </Page>
  );
}
