import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { okResponse } from '../../server/accounts/accounts.contract';
import type { SpaserDetail } from '../../server/spaser/spaser.contract';
import { versionComparison, versionList, type VersionEntry } from '../../server/spaser/versions.contract';
import type { BuyerFiguresChange, DocumentComparison, YearChange } from '../../server/spaser/versions';
import { Loading, Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, query } from '../platform/api';
import { ScrollTable } from '../platform/ScrollTable';
import { SelectField } from '../platform/fields';
import { FocusedAlert } from '../platform/forms';
import { formatCalendarDate, formatDate, formatNumber } from '../platform/format';
import { spaserKey } from './api';
import { spaserLabels as L } from './labels';

const V = L.versions;
// The server checks the comparison's shape (versions.ts); here it is only typed.
const comparison = versionComparison.extend({ changes: z.custom<DocumentComparison>(() => true) });

const versionsKey = (id: string) => ['spaser-versions', id] as const;
const labelOf = (v: VersionEntry) => (v.version === null ? V.working : V.version(v.version));

/**
 * /spaser/:id/versions (issue 19, item 1): the versions of a schéma and a side-by-side comparison of
 * two of them. Anyone for the published versions of a published schéma; its editors also compare the
 * working version. Every change is named in words (« Ajouté », « Retiré », « Modifié »), not by colour.
 */
export function VersionsPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: versionsKey(id), queryFn: () => api.get(`/api/spasers/${encodeURIComponent(id)}/versions`, versionList) });
  const versions = list.data?.versions ?? [];
  // By default the two newest: the last publication against the working version (editors) or the one before.
  const from = search.get('de') ?? versions.at(-2)?.key ?? '';
  const to = search.get('a') ?? versions.at(-1)?.key ?? '';
  const [choice, setChoice] = useState<{ from: string; to: string } | null>(null);
  const shown = choice ?? { from, to };
  const compared = useQuery({
    queryKey: [...versionsKey(id), 'compare', from, to],
    queryFn: () => api.get(`/api/spasers/${encodeURIComponent(id)}/versions/compare${query({ from, to })}`, comparison),
    enabled: !!list.data && from !== '' && to !== '' && versions.length >= 2,
  });
  if (list.isPending) return <PageLoading title={V.title} />;
  if (!list.data)
    return (
      <Page title={V.title}>
        <Alert severity="error" small description={(list.error as Error)?.message ?? ''} />
      </Page>
    );
  const data = list.data;
  const crumbs = data.canEdit ? [{ label: L.list.title, to: paths.spasers() }, { label: data.title, to: paths.spaser(id) }] : [];
  const options = versions.map((v) => ({ value: v.key, label: labelOf(v) }));
  return (
    <Page title={V.title} documentTitle={`${V.title} — ${data.title}`} breadcrumb={crumbs} lead={V.lead(data.title)}>
      <section aria-labelledby="versions-liste">
        <h2 id="versions-liste">{V.listTitle}</h2>
        {versions.length === 0 ? (
          <p>{V.none}</p>
        ) : (
          <ScrollTable label={V.caption}>
            <caption>{V.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{V.colVersion}</th>
                <th scope="col">{V.colPublished}</th>
                <th scope="col">{V.colAdoption}</th>
                <th scope="col">{V.colState}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.key}>
                  <th scope="row">{labelOf(v)}</th>
                  <td>{v.publishedAt ? formatDate(v.publishedAt) : V.empty}</td>
                  <td>{v.adoptedOn ? V.adoption(formatCalendarDate(v.adoptedOn), v.adoptionReference) : V.empty}</td>
                  <td>{v.version === null ? V.workingHint : v.withdrawn ? V.withdrawn : V.online}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="versions-comparer" className="fr-mt-4w">
        <h2 id="versions-comparer">{V.compareTitle}</h2>
        {versions.length < 2 ? (
          <p>{V.needTwo}</p>
        ) : (
          <form
            className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom"
            onSubmit={(e) => {
              e.preventDefault();
              void navigate(paths.spaserVersions(id, shown.from, shown.to), { replace: true });
              setChoice(null);
            }}
          >
            <div className="fr-col-12 fr-col-md-5">
              <SelectField id="version-de" label={V.from} options={options} value={shown.from} onChange={(v) => setChoice({ ...shown, from: v })} />
            </div>
            <div className="fr-col-12 fr-col-md-5">
              <SelectField id="version-a" label={V.to} options={options} value={shown.to} onChange={(v) => setChoice({ ...shown, to: v })} />
            </div>
            <div className="fr-col-12 fr-col-md-2 fr-mb-3w">
              <Button type="submit">{V.compare}</Button>
            </div>
          </form>
        )}
        {compared.isPending && compared.fetchStatus !== 'idle' && <Loading label={V.loading} />}
        {compared.error && <FocusedAlert severity="error" title={compared.error.message} as="h3" />}
        {compared.data && <Comparison from={labelOf(compared.data.from)} to={labelOf(compared.data.to)} changes={compared.data.changes} />}
      </section>
    </Page>
  );
}

function Mark({ kind }: { kind: 'added' | 'removed' | 'changed' }) {
  const severity = kind === 'added' ? 'success' : kind === 'removed' ? 'error' : 'info';
  return (
    <Badge small noIcon severity={severity}>
      {V[kind]}
    </Badge>
  );
}

/** A field's value in words: categories, units and statuses by their French label. */
function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return V.empty;
  if (Array.isArray(value)) return value.length ? value.map((v) => show(field, v)).join(', ') : V.empty;
  if (typeof value === 'object' && value && 'title' in value) return String((value as { title: string }).title);
  if (typeof value === 'number') return formatNumber(value);
  const v = String(value);
  if (field === 'adoptedOn' || field === 'deadline') return formatCalendarDate(v);
  const named = field === 'tags' ? L.tags[v] : field === 'status' ? L.actionStatuses[v] : field === 'category' ? L.categories[v] : field === 'unit' ? L.units[v] : undefined;
  return named ?? v;
}

type Field = { field: string; from: unknown; to: unknown };
const fieldLines = (fields: readonly Field[], side: 'from' | 'to') =>
  fields.map((f) => (
    <li key={f.field}>
      {V.fieldNames[f.field] ?? f.field} : {show(f.field, f[side])}
    </li>
  ));

/** One row of a comparison table: the mark, then what version « from » and version « to » say. */
function Row({ kind, label, left, right }: { kind: 'added' | 'removed' | 'changed'; label: string; left: ReactNode; right: ReactNode }) {
  return (
    <tr>
      <td>
        <Mark kind={kind} />
      </td>
      <th scope="row">{label}</th>
      <td>{left ?? V.empty}</td>
      <td>{right ?? V.empty}</td>
    </tr>
  );
}

function Table({ caption, from, to, unchanged, children }: { caption: string; from: string; to: string; unchanged: number; children: ReactNode }) {
  return (
    <>
      <ScrollTable label={caption}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{V.colChange}</th>
            <th scope="col">{V.fieldNames.title}</th>
            <th scope="col">{from}</th>
            <th scope="col">{to}</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </ScrollTable>
      {unchanged > 0 && <p className="fr-text--sm">{V.unchanged(unchanged)}</p>}
    </>
  );
}

const years = (list: YearChange[], label: (y: number) => string, side: 'from' | 'to') => list.map((y) => <li key={`${side}-${label(y.year)}`}>{label(y.year)} : {y[side] === null ? V.empty : formatNumber(y[side])}</li>);

function figureLines(b: BuyerFiguresChange, side: 'from' | 'to') {
  if ((b.state === 'added' && side === 'from') || (b.state === 'removed' && side === 'to')) return <li key={b.organisationId}>{b.name} : {V.empty}</li>;
  return (
    <li key={b.organisationId}>
      {b.state === 'added' ? V.buyerAdded(b.name) : b.state === 'removed' ? V.buyerRemoved(b.name) : b.name}
      <ul>
        {b.baseline && (
          <li>
            {V.baseline} : {b.baseline[side] ? `${b.baseline[side]!.year} — ${formatNumber(b.baseline[side]!.value)}` : V.empty}
          </li>
        )}
        {years(b.targets, V.target, side)}
        {years(b.values, V.value, side)}
      </ul>
    </li>
  );
}

export function Comparison({ from, to, changes: c }: { from: string; to: string; changes: DocumentComparison }) {
  return (
    <section aria-labelledby="versions-resultat" className="fr-mt-4w">
      <h3 id="versions-resultat">{V.resultTitle(from, to)}</h3>
      {c.identical && <p>{V.identical}</p>}
      {(c.header.length > 0 || c.buyers.added.length > 0 || c.buyers.removed.length > 0) && (
        <>
          <h4>{V.header}</h4>
          <Table caption={V.headerCaption} from={from} to={to} unchanged={0}>
            {c.header.map((f) => (
              <Row key={f.field} kind="changed" label={V.fieldNames[f.field] ?? f.field} left={show(f.field, f.from)} right={show(f.field, f.to)} />
            ))}
            {c.buyers.added.map((b) => <Row key={b.organisationId} kind="added" label={V.buyers} left={null} right={b.name} />)}
            {c.buyers.removed.map((b) => <Row key={b.organisationId} kind="removed" label={V.buyers} left={b.name} right={null} />)}
          </Table>
        </>
      )}
      {(c.axes.added.length > 0 || c.axes.removed.length > 0 || c.axes.changed.length > 0) && (
        <>
          <h4>{V.axes}</h4>
          <Table caption={V.axesCaption} from={from} to={to} unchanged={c.axes.unchanged}>
            {c.axes.added.map((a) => <Row key={a.id} kind="added" label={a.title} left={null} right={a.title} />)}
            {c.axes.removed.map((a) => <Row key={a.id} kind="removed" label={a.title} left={a.title} right={null} />)}
            {c.axes.changed.map((a) => <Row key={a.id} kind="changed" label={a.title} left={<ul>{fieldLines(a.fields, 'from')}</ul>} right={<ul>{fieldLines(a.fields, 'to')}</ul>} />)}
          </Table>
        </>
      )}
      {(c.objectives.added.length > 0 || c.objectives.removed.length > 0 || c.objectives.changed.length > 0) && (
        <>
          <h4>{V.objectives}</h4>
          <Table caption={V.objectivesCaption} from={from} to={to} unchanged={c.objectives.unchanged}>
            {c.objectives.added.map((o) => (
              <Row key={o.objective.id} kind="added" label={o.objective.title} left={null} right={<ObjectiveText axis={o.axisTitle} actions={o.objective.actions.map((x) => x.title)} />} />
            ))}
            {c.objectives.removed.map((o) => (
              <Row key={o.objective.id} kind="removed" label={o.objective.title} left={<ObjectiveText axis={o.axisTitle} actions={o.objective.actions.map((x) => x.title)} />} right={null} />
            ))}
            {c.objectives.changed.map((o) => (
              <Row
                key={o.id}
                kind="changed"
                label={o.title}
                left={
                  <ul>
                    {fieldLines(o.fields, 'from')}
                    {o.actions.removed.map((x) => <li key={x.id}>{V.actionRemoved(x.title)}</li>)}
                    {o.actions.changed.map((x) => (
                      <li key={x.id}>
                        {V.actionChanged(x.title)}
                        <ul>{fieldLines(x.fields, 'from')}</ul>
                      </li>
                    ))}
                  </ul>
                }
                right={
                  <ul>
                    {fieldLines(o.fields, 'to')}
                    {o.actions.added.map((x) => <li key={x.id}>{V.actionAdded(x.title)}</li>)}
                    {o.actions.changed.map((x) => (
                      <li key={x.id}>
                        {V.actionChanged(x.title)}
                        <ul>{fieldLines(x.fields, 'to')}</ul>
                      </li>
                    ))}
                  </ul>
                }
              />
            ))}
          </Table>
        </>
      )}
      {(c.indicators.added.length > 0 || c.indicators.removed.length > 0 || c.indicators.changed.length > 0) && (
        <>
          <h4>{V.indicators}</h4>
          <Table caption={V.indicatorsCaption} from={from} to={to} unchanged={c.indicators.unchanged}>
            {c.indicators.added.map((i) => <Row key={i.id} kind="added" label={i.name} left={null} right={`${L.categories[i.category] ?? i.category} — ${L.units[i.unit] ?? i.unit}`} />)}
            {c.indicators.removed.map((i) => <Row key={i.id} kind="removed" label={i.name} left={`${L.categories[i.category] ?? i.category} — ${L.units[i.unit] ?? i.unit}`} right={null} />)}
            {c.indicators.changed.map((i) => (
              <Row
                key={i.id}
                kind="changed"
                label={i.name}
                left={
                  <ul>
                    {fieldLines(i.fields, 'from')}
                    {i.perBuyer.map((b) => figureLines(b, 'from'))}
                  </ul>
                }
                right={
                  <ul>
                    {fieldLines(i.fields, 'to')}
                    {i.perBuyer.map((b) => figureLines(b, 'to'))}
                  </ul>
                }
              />
            ))}
          </Table>
        </>
      )}
      {c.sections.length > 0 && (
        <>
          <h4>{V.sections}</h4>
          <ul>
            {c.sections.map((s) => (
              <li key={s}>
                <Mark kind="changed" /> {V.sectionNames[s] ?? s}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ObjectiveText({ axis, actions }: { axis: string; actions: string[] }) {
  return (
    <ul>
      <li>{V.inAxis(axis)}</li>
      {actions.map((a, i) => (
        <li key={i}>{a}</li>
      ))}
    </ul>
  );
}

/**
 * For the builder's publication panel: the link to the versions, and « Réviser » for the editors of an
 * adopted or published schéma (POST /api/spasers/:id/revision; the published version stays online).
 */
export function VersionsActions({ spaser }: { spaser: SpaserDetail }) {
  const qc = useQueryClient();
  const revise = useMutation({
    mutationFn: () => api.post(`/api/spasers/${spaser.id}/revision`, {}, okResponse),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: spaserKey(spaser.id) });
      void qc.invalidateQueries({ queryKey: versionsKey(spaser.id) });
    },
  });
  return (
    <div className="fr-mt-3w">
      {revise.error && <FocusedAlert severity="error" title={revise.error.message} as="h3" />}
      {revise.isSuccess && <FocusedAlert severity="success" title={V.revised} as="h3" />}
      {spaser.status === 'in_revision' && !revise.isSuccess && <p>{V.revising}</p>}
      <p>
        <Link to={paths.spaserVersions(spaser.id)}>{V.open}</Link>
      </p>
      {spaser.canEdit && (spaser.status === 'adopted' || spaser.status === 'published') && (
        <>
          <Button priority="secondary" onClick={() => revise.mutate()} disabled={revise.isPending}>
            {V.revise}
          </Button>
          <p className="fr-hint-text fr-mt-1w">{V.reviseHint}</p>
        </>
      )}
    </div>
  );
}
