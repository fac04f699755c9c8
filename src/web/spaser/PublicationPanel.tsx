import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { okResponse } from '../../server/accounts/accounts.contract';
import type { SpaserDetail } from '../../server/spaser/spaser.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { FocusedAlert } from '../platform/forms';
import { formatDateTime } from '../platform/format';
import { spaserKey } from './api';
import { spaserLabels } from './labels';
import { exportFormats, publishedFileUrl } from './PublishedSpaserView';
import { VersionsActions } from './VersionsPage';

const B = spaserLabels.published.builder;
const F = spaserLabels.published.formats;
const published = z.object({ path: z.string(), version: z.number() });

/** The schéma's editors' exports of the text as it stands (a draft included): GET /api/spasers/:id/document.<format>. */
export const draftFileUrl = (spaserId: string, format: string) => `/api/spasers/${spaserId}/document.${format}`;

/**
 * Publication of an adopted schéma (issue 18): publish, publish again after changes, open the public
 * page, withdraw it; and the working document for editors. Shown to editors only.
 */
export function PublicationPanel({ spaser }: { spaser: SpaserDetail }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: spaserKey(spaser.id) });
  const publish = useMutation({
    mutationFn: () => api.post(`/api/spasers/${spaser.id}/publication`, {}, published),
    onSuccess: () => {
      setDone(B.done);
      void refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: () => api.delete(`/api/spasers/${spaser.id}/publication`, okResponse),
    onSuccess: () => {
      setConfirming(false);
      setDone(B.withdrawn);
      void refresh();
    },
  });
  const error = publish.error ?? withdraw.error;
  const pub = spaser.publication;
  return (
    <section id="publication" aria-labelledby="publication-titre" className="fr-mb-6w">
      <h2 id="publication-titre">{B.title}</h2>
      {error && <FocusedAlert severity="error" title={error.message} as="h3" />}
      {done && !error && <FocusedAlert severity="success" title={done} as="h3" focusKey={done + (pub?.version ?? 0)} />}
      {!spaser.adoptedOn && <p>{B.notAdopted}</p>}
      {pub && (
        <p>
          {B.publishedAt(pub.version, formatDateTime(pub.publishedAt))}{' '}
          <a href={pub.path}>{B.open}</a>
        </p>
      )}
      {spaser.adoptedOn && spaser.status !== 'in_revision' && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Button onClick={() => publish.mutate()} disabled={publish.isPending}>
              {pub ? B.republish : B.publish}
            </Button>
          </li>
          {pub && !confirming && (
            <li>
              <Button priority="secondary" onClick={() => setConfirming(true)}>
                {B.withdraw}
              </Button>
            </li>
          )}
        </ul>
      )}
      {pub && <p className="fr-hint-text">{B.republishHint}</p>}
      <p className="fr-mt-3w">
        <Link to={paths.spaserBilan(spaser.id)}>{spaserLabels.bilan.openBuilder}</Link>
      </p>
      <VersionsActions spaser={spaser} />
      {confirming && (
        <div className="fr-alert fr-alert--warning fr-mb-3w" role="alertdialog" aria-labelledby="retrait-titre">
          <h3 id="retrait-titre" className="fr-alert__title">
            {B.withdrawConfirm}
          </h3>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-2w">
            <li>
              <Button onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
                {B.confirmWithdraw}
              </Button>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setConfirming(false)}>
                {B.cancel}
              </Button>
            </li>
          </ul>
        </div>
      )}
      <h3 className="fr-h6 fr-mt-4w">{B.exports}</h3>
      <p className="fr-hint-text">{B.exportsHint}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--secondary fr-btns-group--sm fr-btns-group--icon-left">
        {exportFormats.map((f) => (
          <li key={f}>
            <a className="fr-btn fr-btn--secondary fr-btn--sm" href={draftFileUrl(spaser.id, f)} download>
              {F[f]}
            </a>
          </li>
        ))}
      </ul>
      {pub && (
        <p className="fr-text--sm">
          {spaserLabels.published.downloads} : {exportFormats.map((f, i) => (
            <span key={f}>
              {i > 0 && ' · '}
              <a href={publishedFileUrl(pub.path, f)} download>
                {F[f]}
              </a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
