import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { mappingPrefillResponse, type SpaserDetail } from '../../server/spaser/spaser.contract';
import { mappingDimensions, type SpaserContent } from '../../server/spaser/spaser.content';
import { api } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { spaserLabels as L } from './labels';
import { ItemButtons, move, NumberField, type ErrorAt } from './parts';

type Diagnostic = SpaserContent['diagnostic'];
type Row = Diagnostic['mapping'][number];

let nextId = 0;
const newId = () => `famille-${Date.now().toString(36)}-${(nextId++).toString(36)}`;
/** A row pre-filled from the DECP is the same family as a row already there when buyer, grouping, family and year agree. */
const sameFamily = (a: Row, b: Row) => a.organisationId === b.organisationId && a.by === b.by && a.family === b.family && a.year === b.year;

/**
 * The diagnostic (item 3): the findings, a maturity self-assessment, and the purchase mapping of each
 * buyer, which the DECP pre-fill adds to without touching the rows already typed (nothing is lost).
 */
export function DiagnosticEditor({ spaser, value, set, error }: { spaser: SpaserDetail; value: Diagnostic; set: (v: Diagnostic) => void; error: ErrorAt }) {
  const D = L.diagnostic;
  // A draft kept in this browser before the mapping existed has none.
  if (!value.mapping) value = { ...value, mapping: [] };
  const buyers = spaser.buyers.filter((b) => b.status === 'accepted');
  const nameOf = (id: string | null) => buyers.find((b) => b.organisationId === id)?.name ?? '';
  const [year, setYear] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const setRows = (mapping: Row[]) => set({ ...value, mapping });
  const setRow = (i: number, next: Row) => setRows(value.mapping.map((r, j) => (j === i ? next : r)));
  const prefill = useMutation({
    mutationFn: () => api.post(`/api/spasers/${spaser.id}/diagnostic/prefill`, { year }, mappingPrefillResponse),
    onSuccess: (r) => {
      const fresh = r.rows.filter((row) => !value.mapping.some((m) => sameFamily(m, row)));
      setRows([...value.mapping, ...fresh]);
      setStatus(D.prefilled(fresh.length, r.years.map((y) => D.yearOf(nameOf(y.organisationId), y.year, D.noDecp)).join(' ; ')));
    },
    onError: (e) => setStatus(e instanceof Error ? e.message : String(e)),
  });
  return (
    <>
      <TextField id="spaser-diag-text" label={D.text} textArea rows={5} optional value={value.text} onChange={(text) => set({ ...value, text })} error={error('text')} />
      <SelectField
        id="spaser-diag-maturity"
        label={D.maturity}
        optional
        value={value.maturity === null ? '' : String(value.maturity)}
        emptyOption={D.maturityNone}
        options={Object.entries(D.maturityLevels).map(([v, label]) => ({ value: v, label }))}
        onChange={(v) => set({ ...value, maturity: v ? Number(v) : null })}
      />
      <h3 className="fr-h5 fr-mt-3w">{D.mappingTitle}</h3>
      <p className="fr-text--sm">{D.mappingLead}</p>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-6">
          <NumberField id="spaser-diag-prefill-year" label={D.prefillYear} value={year} onChange={setYear} error={error('prefill.year')} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Button type="button" priority="secondary" iconId="fr-icon-download-line" iconPosition="left" className="fr-mb-3w" disabled={prefill.isPending} onClick={() => prefill.mutate()}>
            {D.prefill}
          </Button>
        </div>
      </div>
      <p role="status" className="fr-text--sm">
        {status}
      </p>
      <p className="fr-hint-text">{D.source}</p>
      {value.mapping.map((row, i) => {
        const id = `famille-${i}`;
        const legend = D.row(i + 1, row.family);
        return (
          <fieldset key={row.id} className="fr-fieldset entraide-spaser-item">
            <legend className="fr-fieldset__legend">{legend}</legend>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <SelectField id={`${id}-acheteur`} label={D.buyer} value={row.organisationId ?? ''} options={buyers.map((b) => ({ value: b.organisationId, label: b.name }))} onChange={(v) => setRow(i, { ...row, organisationId: v || null })} />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <SelectField id={`${id}-regroupement`} label={D.by} value={row.by} options={mappingDimensions.map((d) => ({ value: d, label: D.byLabels[d]! }))} onChange={(v) => setRow(i, { ...row, by: v as Row['by'] })} />
              </div>
            </div>
            <TextField id={`${id}-nom`} label={D.family} value={row.family} onChange={(family) => setRow(i, { ...row, family })} error={error(`mapping.${i}.family`)} />
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-4">
                <NumberField id={`${id}-annee`} label={D.year} value={row.year} onChange={(y) => setRow(i, { ...row, year: y })} error={error(`mapping.${i}.year`)} />
              </div>
              <div className="fr-col-12 fr-col-md-4">
                <NumberField id={`${id}-marches`} label={D.contracts} value={row.contracts} onChange={(n) => setRow(i, { ...row, contracts: n })} error={error(`mapping.${i}.contracts`)} />
              </div>
              <div className="fr-col-12 fr-col-md-4">
                <NumberField id={`${id}-montant`} label={D.amount} decimal value={row.amount} onChange={(a) => setRow(i, { ...row, amount: a })} error={error(`mapping.${i}.amount`)} />
              </div>
            </div>
            <TextField id={`${id}-commentaire`} label={D.comment} textArea rows={2} optional value={row.comment} onChange={(comment) => setRow(i, { ...row, comment })} error={error(`mapping.${i}.comment`)} />
            <ItemButtons what={legend.toLowerCase()} index={i} count={value.mapping.length} onMove={(by) => setRows(move(value.mapping, i, by))} onRemove={() => setRows(value.mapping.filter((_, j) => j !== i))} />
          </fieldset>
        );
      })}
      <Button
        type="button"
        priority="secondary"
        onClick={() => setRows([...value.mapping, { id: newId(), organisationId: buyers[0]?.organisationId ?? null, by: 'cpv_division', family: '', year: null, contracts: null, amount: null, comment: '' }])}
      >
        {D.add}
      </Button>
    </>
  );
}
