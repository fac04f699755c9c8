import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { uploadCreated, type UploadDto } from '../../server/procurement/uploads/uploads.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { formatDateTime, formatNumber } from '../platform/format';
import { FocusedAlert } from '../platform/forms';
import { useUpload, useUploads } from './api';
import { observatoryLabels as L } from './labels';

const U = L.upload;
const crumbs = [{ label: L.page.title, to: paths.observatory() }];
const mb = (bytes: number) => `${formatNumber(Math.round(bytes / 1024 / 1024))} Mo`;
const statusSeverity = { queued: undefined, running: 'info', done: 'success', failed: 'error', interrupted: 'warning' } as const;

/** Facilitators upload a DECP file; the import runs in the background and this page polls its progress. */
export function DecpUploadPage() {
  const qc = useQueryClient();
  const uploads = useUploads();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (form: FormData) => api.post('/api/decp/uploads', form, uploadCreated),
    onSuccess: (r) => {
      setCurrent(r.id);
      void qc.invalidateQueries({ queryKey: ['decpUploads'] });
    },
    onError: (e) => setError(isApiError(e) ? (e.fields.file ?? e.message) : e.message),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const file = input.current?.files?.[0];
    if (!file) {
      setError(U.missing);
      input.current?.focus();
      return;
    }
    const form = new FormData();
    form.append('file', file);
    send.mutate(form);
  };
  return (
    <Page title={U.title} breadcrumb={crumbs} lead={<p>{U.lead(uploads.data ? mb(uploads.data.maxBytes) : '…')}</p>}>
      <form noValidate onSubmit={submit} className="fr-mb-4w">
        <Upload
          label={U.file}
          hint={U.fileHint}
          state={error ? 'error' : 'default'}
          stateRelatedMessage={error}
          nativeInputProps={{ id: 'decp-file', name: 'file', ref: input, accept: '.json,.xml,.csv,.gz,application/json,application/xml,text/csv,application/gzip', 'aria-invalid': error ? true : undefined }}
        />
        <Button type="submit" className="fr-mt-2w" disabled={send.isPending}>
          {send.isPending ? U.sending : U.submit}
        </Button>
      </form>
      {current && <Progress id={current} />}
      <Recent items={uploads.data?.items ?? []} />
    </Page>
  );
}

function Progress({ id }: { id: string }) {
  const q = useUpload(id);
  const qc = useQueryClient();
  const u = q.data;
  const ended = u?.status === 'done' || u?.status === 'failed' || u?.status === 'interrupted';
  useEffect(() => {
    if (ended) void qc.invalidateQueries({ queryKey: ['decpUploads'] });
  }, [ended, qc]);
  if (!u) return null;
  const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(u.progress);
  return (
    <section aria-labelledby="upload-progress-title" className="fr-mb-6w">
      <h2 id="upload-progress-title">{ended ? U.reportTitle(u.fileName) : U.progressTitle}</h2>
      <div role="status" aria-live="polite">
        <p>
          <Badge as="span" severity={statusSeverity[u.status]} noIcon={u.status === 'queued'}>
            {U.statuses[u.status]}
          </Badge>{' '}
          {!ended && U.progress(pct, u.recordsStaged)}
        </p>
      </div>
      {!ended && (
        <progress max={1} value={u.progress} aria-label={U.progressTitle} className="fr-mb-2w" style={{ width: '100%' }}>
          {pct}
        </progress>
      )}
      {(u.status === 'failed' || u.status === 'interrupted') && u.error && (
        <FocusedAlert severity={u.status === 'failed' ? 'error' : 'warning'} as="h3" title={u.error} />
      )}
      {u.report && <Report upload={u} />}
    </section>
  );
}

function Report({ upload }: { upload: UploadDto }) {
  const r = upload.report!;
  const flags = Object.entries(r.flags);
  return (
    <>
      <Table caption={U.reportTitle(upload.fileName)} headers={[U.reportItem, U.count]} data={(Object.keys(U.report) as (keyof typeof U.report)[]).map((k) => [U.report[k], formatNumber(r[k])])} />
      {flags.length > 0 && <Table caption={U.flagsTitle} headers={[U.flag, U.count]} data={flags.map(([f, n]) => [f, formatNumber(n)])} />}
      {r.errors.length > 0 && (
        <>
          <h3 className="fr-h6">{U.errorsTitle}</h3>
          <ul>
            {r.errors.map((e) => (
              <li key={e.file + e.message}>
                {e.file} : {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Recent({ items }: { items: UploadDto[] }) {
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">{U.recentTitle}</h2>
      {items.length ? (
        <Table
          caption={U.recentTitle}
          headers={[U.colFile, U.colStatus, U.colDate, U.colRead, U.colDetail]}
          data={items.map((u) => [u.fileName, U.statuses[u.status], formatDateTime(u.createdAt), u.report ? formatNumber(u.report.read) : '—', u.error ?? '—'])}
        />
      ) : (
        <p>{U.none}</p>
      )}
    </section>
  );
}
