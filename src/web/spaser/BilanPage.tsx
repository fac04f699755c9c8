import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { bilanPublished, bilanResponse, bilanValueSaved } from '../../server/spaser/bilan.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { formatCalendarDate, formatDate, todayInParis } from '../platform/format';
import { BilanTables } from './BilanTables';
import { spaserLabels as L } from './labels';
import { bilanPdfUrl } from './PublishedBilanView';

const B = L.bilan;
const bilanKey = (id: string) => ['spaser-bilan', id] as const;

/**
 * /spaser/:id/bilan (issue 19, item 2): each indicator's yearly values against its targets, for the
 * schéma's readers; its editors enter a value for a year of the period (a DECP figure shown as such
 * is offered in the field, to confirm or replace with a reason) and publish the bilan.
 */
export function BilanPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const bilan = useQuery({ queryKey: bilanKey(id), queryFn: () => api.get(`/api/spasers/${encodeURIComponent(id)}/bilan`, bilanResponse) });
  const form = useFormErrors();
  const [entry, setEntry] = useState({ indicatorId: '', organisationId: '', year: '', value: '', overrideReason: '' });
  const [saved, setSaved] = useState(0);
  const save = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/spasers/${encodeURIComponent(id)}/bilan/values`, body, bilanValueSaved),
    onSuccess: () => {
      form.clear();
      setSaved((n) => n + 1);
      void qc.invalidateQueries({ queryKey: bilanKey(id) });
    },
    onError: (e) => form.fail(e),
  });
  const publish = useMutation({
    mutationFn: () => api.post(`/api/spasers/${encodeURIComponent(id)}/bilan/publications`, {}, bilanPublished),
    onSuccess: () => void qc.invalidateQueries({ queryKey: bilanKey(id) }),
  });
  if (bilan.isPending) return <PageLoading title={B.title} />;
  if (!bilan.data)
    return (
      <Page title={B.title}>
        <Alert severity="error" small description={(bilan.error as Error)?.message ?? ''} />
      </Page>
    );
  const data = bilan.data;
  const indicator = data.indicators.find((i) => i.id === entry.indicatorId) ?? data.indicators[0];
  const buyer = indicator?.perBuyer.find((b) => b.organisationId === entry.organisationId) ?? indicator?.perBuyer[0];
  // The value shown for the chosen year (entered, or the DECP figure), offered in the field.
  const cellOf = (year: string) => buyer?.years.find((y) => String(y.year) === year.trim());
  const choose = (patch: Partial<typeof entry>) => {
    const next = { ...entry, ...patch };
    const cell = cellOf(next.year);
    if ('year' in patch || 'indicatorId' in patch || 'organisationId' in patch) next.value = cell?.value === null || !cell ? '' : String(cell.value).replace('.', ',');
    setEntry(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = entry.value.trim() === '' ? null : Number(entry.value.replace(/\s/g, '').replace(',', '.'));
    const year = Number(entry.year.trim());
    save.mutate({
      version: data.indicatorsVersion,
      indicatorId: indicator?.id ?? '',
      organisationId: buyer?.organisationId ?? '',
      year: entry.year.trim() === '' || Number.isNaN(year) ? null : year,
      value: value !== null && Number.isNaN(value) ? entry.value : value,
      overrideReason: entry.overrideReason.trim() || null,
    });
  };
  const late = data.dueOn !== null && data.dueOn <= todayInParis();
  const fields = {
    indicatorId: { label: B.indicator, id: 'bilan-indicator' },
    organisationId: { label: B.buyer, id: 'bilan-buyer' },
    year: { label: B.year, id: 'bilan-year' },
    value: { label: B.value, id: 'bilan-value' },
    overrideReason: { label: B.reason, id: 'bilan-reason' },
  };
  return (
    <Page
      title={B.title}
      documentTitle={`${B.title} — ${data.title}`}
      breadcrumb={[{ label: L.list.title, to: paths.spasers() }, { label: data.title, to: paths.spaser(id) }]}
      lead={
        <>
          <p className="fr-mb-1w">{B.lead(data.title)}</p>
          <p className="fr-mb-1w">{L.published.period(data.periodStart, data.periodEnd)}</p>
          {data.dueOn && <p className="fr-text--sm">{B.dueOn(formatCalendarDate(data.dueOn), late)}</p>}
        </>
      }
    >
      {data.canEdit && indicator && buyer && (
        <section aria-labelledby="bilan-saisie" className="fr-mb-6w">
          <h2 id="bilan-saisie" className="fr-h4">
            {B.enterTitle}
          </h2>
          <p className="fr-hint-text">{B.enterHint}</p>
          <ErrorSummary feedback={form.feedback} fields={fields} as="h3" />
          {saved > 0 && !form.feedback.message && <FocusedAlert severity="success" title={B.saved} as="h3" focusKey={saved} />}
          <form onSubmit={submit} noValidate>
            <SelectField
              id="bilan-indicator"
              label={B.indicator}
              value={indicator.id}
              onChange={(v) => choose({ indicatorId: v })}
              options={data.indicators.map((i) => ({ value: i.id, label: i.name }))}
              error={form.error('indicatorId')}
            />
            {indicator.perBuyer.length > 1 && (
              <SelectField
                id="bilan-buyer"
                label={B.buyer}
                value={buyer.organisationId}
                onChange={(v) => choose({ organisationId: v })}
                options={indicator.perBuyer.map((b) => ({ value: b.organisationId, label: b.name }))}
                error={form.error('organisationId')}
              />
            )}
            <TextField id="bilan-year" label={B.year} hint={L.published.period(data.periodStart, data.periodEnd)} inputMode="numeric" value={entry.year} onChange={(v) => choose({ year: v })} error={form.error('year')} />
            <TextField id="bilan-value" label={B.value} hint={L.units[indicator.unit]} inputMode="text" value={entry.value} onChange={(v) => setEntry({ ...entry, value: v })} error={form.error('value')} />
            {cellOf(entry.year)?.origin === 'decp' && <p className="fr-text--sm">{B.origin.decp}</p>}
            <TextField id="bilan-reason" label={B.reason} optional value={entry.overrideReason} onChange={(v) => setEntry({ ...entry, overrideReason: v })} error={form.error('overrideReason')} />
            <Button type="submit" disabled={save.isPending}>
              {B.save}
            </Button>
          </form>
        </section>
      )}

      <section aria-labelledby="bilan-valeurs" className="fr-mb-6w">
        <h2 id="bilan-valeurs" className="fr-h3">
          {B.title}
        </h2>
        <BilanTables indicators={data.indicators} headingLevel="h3" />
      </section>

      <section aria-labelledby="bilan-publication" className="fr-mb-6w">
        <h2 id="bilan-publication" className="fr-h4">
          {B.publishTitle}
        </h2>
        {publish.error && <FocusedAlert severity="error" title={publish.error.message} as="h3" />}
        {publish.data && <FocusedAlert severity="success" title={B.publishedOk(publish.data.number)} as="h3" focusKey={publish.data.number} />}
        {data.canEdit && (data.canPublish ? <p className="fr-hint-text">{B.publishHint}</p> : <p>{B.publishNeedsPage}</p>)}
        {data.canPublish && (
          <Button onClick={() => publish.mutate()} disabled={publish.isPending}>
            {B.publish}
          </Button>
        )}
        <h3 className="fr-h6 fr-mt-4w">{B.publishedList}</h3>
        {data.published.length === 0 ? (
          <p>{B.none}</p>
        ) : (
          <ul>
            {data.published.map((p, i) => (
              <li key={p.number}>
                {B.publishedItem(p.number, formatDate(p.publishedAt))}
                {i === 0 && (
                  <>
                    {' — '}
                    <a href={p.path}>{B.open}</a>
                    {' · '}
                    <a href={bilanPdfUrl(p.path)} download>
                      {B.pdf}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={paths.spaser(id)}>{L.bilan.backToBuilder}</Link>
        </p>
      </section>
    </Page>
  );
}
