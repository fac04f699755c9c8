import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { okResponse } from '../../server/accounts/accounts.contract';
import {
  domainBody,
  domainsResponse,
  membershipRequestsResponse,
  obligationQuery,
  organisationKindKeys,
  organisationPatch,
  organisationReviewBody,
  sirenBody,
  spaserStatusLabels,
  verdictStatusLabels,
  type OrganisationDetail,
} from '../../server/organisations/organisations.contract';
import { spaserStatementKeys } from '../../server/spaser/spaser-status.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { formatCalendarDate, formatDateTime, formatEuros, groupDigits, parseAmount } from '../platform/format';
import { ErrorSummary, FocusedAlert, useFormErrors, zodFieldErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { organisationKey } from './api';
import { verdictAskedFrom, type VerdictAsked } from './page';
import { organisationsLabels as L } from './labels';

const D = L.detail;
const obligationSeverity = {
  concerned: 'warning',
  likely_concerned: 'warning',
  uncertain: 'info',
  likely_not_concerned: 'success',
  not_concerned: 'success',
} as const;

/** The verdict's date and year as the address gives them (page.ts: the server reads them too). */
export { verdictAskedFrom };

/** The verdict's badge and the reasons that cite its figures (the organisation page and « Mon organisation »). */
export function VerdictSummary({ org, headingLevel = 'h3' }: { org: OrganisationDetail; headingLevel?: 'h3' | 'h4' }) {
  const o = org.obligation;
  const Heading = headingLevel;
  return (
    <div aria-live="polite" aria-atomic="true">
      <p className="fr-mb-1w">
        <strong>{D.obligationAt(formatCalendarDate(o.date), o.year)} : </strong>
        <Badge as="span" severity={obligationSeverity[o.status]}>
          {verdictStatusLabels[o.status]}
        </Badge>
      </p>
      <p className="fr-mb-1w">{D.obligationSource[o.source]}</p>
      <p className="fr-mb-1w">{D.threshold(formatEuros(o.threshold))}</p>
      {o.reasons.length > 0 && (
        <>
          <Heading className="fr-h6 fr-mt-2w fr-mb-1w">{D.reasonsTitle}</Heading>
          <ul>
            {o.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The verdict's badge alone: « Concerné », « Non concerné »… (the colour only repeats the words). */
export function VerdictBadge({ status }: { status: OrganisationDetail['obligation']['status'] }) {
  return (
    <Badge as="span" severity={obligationSeverity[status]}>
      {verdictStatusLabels[status]}
    </Badge>
  );
}

/** How to make the verdict certain: the declaration link for those who may declare, a sentence for the others. */
export function DeclareHint({ org }: { org: OrganisationDetail }) {
  if (org.obligation.status === 'not_concerned' && org.obligation.source !== 'declaration') return null;
  return org.can.edit ? (
    <p className="fr-mb-1w">
      <Link className="fr-link fr-icon-edit-line fr-link--icon-left" to={`${paths.myOrganisation()}#declarer-${org.id}`}>
        {D.declareLink}
      </Link>
    </p>
  ) : (
    <p className="fr-text--sm fr-mb-1w">{D.declareOwn}</p>
  );
}

/**
 * Why the SPASER obligation applies or not, and the same rule for another date or year: the details
 * under the page's summary (the verdict itself and how to declare are in « En bref »).
 */
export function ObligationDetails({ org, asked }: { org: OrganisationDetail; asked: VerdictAsked }) {
  const [sp, setSp] = useSearchParams();
  const [values, setValues] = useState({ date: asked.date ?? '', year: asked.year === null ? '' : String(asked.year) });
  const errors = useFormErrors();
  const fields = { date: { label: D.dateLabel, id: 'obligation-date' }, year: { label: D.yearLabel, id: 'obligation-year' } };
  const go = (next: URLSearchParams) => setSp(next, { replace: true, preventScrollReset: true });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = errors.validate(obligationQuery, { date: values.date || undefined, year: values.year.trim() || undefined });
    if (!parsed) return;
    const next = new URLSearchParams(sp);
    if (parsed.date) next.set('date', parsed.date);
    else next.delete('date');
    if (parsed.year !== undefined) next.set('annee', String(parsed.year));
    else next.delete('annee');
    go(next);
  };
  return (
    <>
      <VerdictSummary org={org} />
      <p className="fr-text--sm fr-mt-2w">{D.obligationNote}</p>
      <ErrorSummary feedback={errors.feedback} fields={fields} as="h3" />
      <form noValidate onSubmit={submit} className="fr-mt-2w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <TextField id={fields.date.id} type="date" label={D.dateLabel} hint={D.dateHint} value={values.date} onChange={(v) => setValues((s) => ({ ...s, date: v }))} error={errors.error('date')} optional />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <TextField id={fields.year.id} inputMode="numeric" label={D.yearLabel} hint={D.yearHint} value={values.year} onChange={(v) => setValues((s) => ({ ...s, year: v }))} error={errors.error('year')} optional />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <ul className="fr-btns-group fr-btns-group--inline-sm fr-mb-3w fr-btns-group--icon-left">
              <li>
                <Button type="submit" priority="secondary">
                  {D.dateSubmit}
                </Button>
              </li>
              {(asked.date || asked.year !== null) && (
                <li>
                  <Button
                    type="button"
                    priority="tertiary"
                    onClick={() => {
                      setValues({ date: '', year: '' });
                      const next = new URLSearchParams(sp);
                      next.delete('date');
                      next.delete('annee');
                      go(next);
                    }}
                  >
                    {D.dateToday}
                  </Button>
                </li>
              )}
            </ul>
          </div>
        </div>
      </form>
    </>
  );
}


/** Verified members declare the yearly purchases and the SPASER's status (PATCH). */
export function EditSection({ org, idPrefix = 'edit', titled = true }: { org: OrganisationDetail; idPrefix?: string; titled?: boolean }) {
  const qc = useQueryClient();
  const [values, setValues] = useState({
    purchases: org.declaredYearlyPurchases === null ? '' : groupDigits(org.declaredYearlyPurchases),
    year: org.declaredPurchasesYear === null ? '' : String(org.declaredPurchasesYear),
    spaserStatus: org.spaserStatus as string,
  });
  // A schéma written here sets the status (ADR 0025): the form then offers no choice. Otherwise the
  // member states « inconnu », « aucun » or « en préparation »; « adopté » is declared with its address and date.
  const statable = org.spaserSource !== 'platform';
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));
  const errors = useFormErrors();
  const [savedAt, setSavedAt] = useState(0);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.patch(`/api/organisations/${org.id}`, body, okResponse),
    onSuccess: () => {
      setSavedAt(Date.now());
      void qc.invalidateQueries({ queryKey: organisationKey(org.id) });
      void qc.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: errors.fail,
  });
  const fields = {
    declaredYearlyPurchases: { label: L.edit.purchases, id: `${idPrefix}-purchases` },
    declaredPurchasesYear: { label: L.edit.year, id: `${idPrefix}-year` },
    spaserStatus: { label: L.edit.status, id: `${idPrefix}-status` },
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSavedAt(0);
    const amount = parseAmount(values.purchases);
    const yearText = values.year.trim();
    const pre: Record<string, string> = {};
    if (Number.isNaN(amount)) pre.declaredYearlyPurchases = L.edit.purchasesInvalid;
    if (yearText && !/^\d{4}$/.test(yearText)) pre.declaredPurchasesYear = L.edit.yearInvalid;
    const body = {
      declaredYearlyPurchases: Number.isNaN(amount) ? null : amount,
      declaredPurchasesYear: yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : null,
      // Sent only when changed: a statement is dated and withdraws older declarations.
      ...(statable && values.spaserStatus !== org.spaserStatus ? { spaserStatus: values.spaserStatus } : {}),
    };
    if (Object.keys(pre).length) {
      const checked = organisationPatch.safeParse(body);
      errors.show(platformLabels.invalidFieldsTitle, { ...(checked.success ? {} : zodFieldErrors(checked.error)), ...pre });
      return;
    }
    const parsed = errors.validate(organisationPatch, body);
    if (parsed) mutation.mutate(parsed);
  };
  return (
    <section aria-labelledby={`${idPrefix}-title`} className="fr-mb-6w">
      {titled ? <h2 id={`${idPrefix}-title`}>{L.edit.title}</h2> : <h3 id={`${idPrefix}-title`}>{L.edit.title}</h3>}
      <p>{L.edit.lead}</p>
      {savedAt > 0 && <FocusedAlert severity="success" as={titled ? 'h3' : 'h4'} title={L.edit.saved} focusKey={savedAt} />}
      <ErrorSummary feedback={errors.feedback} fields={fields} as={titled ? 'h3' : 'h4'} />
      <form noValidate onSubmit={submit}>
        <TextField id={fields.declaredYearlyPurchases.id} label={L.edit.purchases} hint={L.edit.purchasesHint} optional inputMode="numeric" value={values.purchases} onChange={set('purchases')} error={errors.error('declaredYearlyPurchases')} />
        <TextField id={fields.declaredPurchasesYear.id} label={L.edit.year} hint={L.edit.yearHint} optional inputMode="numeric" value={values.year} onChange={set('year')} error={errors.error('declaredPurchasesYear')} maxLength={4} />
        {statable ? (
          <SelectField
            id={fields.spaserStatus.id}
            label={L.edit.status}
            hint={L.edit.statusHint}
            value={values.spaserStatus}
            onChange={set('spaserStatus')}
            error={errors.error('spaserStatus')}
            // An adoption is declared with its URL and date (and kept in the history) by the declaration form.
            options={[...spaserStatementKeys, ...(org.spaserStatus === 'adopted' ? (['adopted'] as const) : [])].map((k) => ({ value: k, label: spaserStatusLabels[k] }))}
          />
        ) : (
          <p className="fr-hint-text">{L.edit.statusFromPlatform(spaserStatusLabels[org.spaserStatus])}</p>
        )}
        <Button type="submit" disabled={mutation.isPending}>
          {L.edit.submit}
        </Button>
      </form>
    </section>
  );
}

/** Pending membership requests, for the organisation's verified members and the facilitators. */
export function RequestsSection({ org }: { org: OrganisationDetail }) {
  const qc = useQueryClient();
  const requests = useQuery({
    queryKey: ['membershipRequests', org.id],
    queryFn: () => api.get(`/api/organisations/${org.id}/membership-requests`, membershipRequestsResponse),
  });
  const [done, setDone] = useState<{ key: number; message: string; error: boolean } | null>(null);
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject' }) =>
      api.post(`/api/organisations/${org.id}/membership-requests/${v.id}/decision`, { decision: v.decision }, okResponse),
    onSuccess: (r) => {
      setDone({ key: Date.now(), message: r.message ?? '', error: false });
      void qc.invalidateQueries({ queryKey: ['membershipRequests', org.id] });
      void qc.invalidateQueries({ queryKey: organisationKey(org.id) });
    },
    onError: (e) => {
      setDone({ key: Date.now(), message: e.message, error: true });
      void qc.invalidateQueries({ queryKey: ['membershipRequests', org.id] });
    },
  });
  return (
    <section id="demandes" aria-labelledby="requests-title" className="fr-mb-6w">
      <h2 id="requests-title" tabIndex={-1} className="entraide-focus-target">
        {L.requests.title}
      </h2>
      <p>{L.requests.lead}</p>
      {done && <FocusedAlert severity={done.error ? 'error' : 'success'} as="h3" title={done.message} focusKey={done.key} />}
      {requests.isPending && <p role="status">{L.requests.loading}</p>}
      {requests.isError && <FocusedAlert severity="error" as="h3" title={requests.error.message} />}
      {requests.data && requests.data.items.length === 0 && <p>{L.requests.none}</p>}
      {requests.data && requests.data.items.length > 0 && (
        <Table
          caption={L.requests.caption}
          headers={[L.requests.colPerson, L.requests.colEmail, L.requests.colMessage, L.requests.colDate, L.requests.colActions]}
          data={requests.data.items.map((r) => {
            const name = `${r.firstName} ${r.lastName}`;
            return [
              <span key="p">
                <strong>{name}</strong>
                {r.jobTitle && (
                  <>
                    <br />
                    {r.jobTitle}
                  </>
                )}
              </span>,
              r.email,
              <span key="m">
                {r.message || <em>{L.requests.noMessage}</em>}
                {r.siret && (
                  <>
                    <br />
                    {L.requests.siret(r.siret)}
                  </>
                )}
              </span>,
              formatDateTime(r.createdAt),
              <ul key="a" className="fr-btns-group fr-btns-group--sm fr-btns-group--inline-lg fr-btns-group--icon-left">
                <li>
                  <Button size="small" disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, decision: 'approve' })}>
                    {L.requests.approve}
                    <span className="fr-sr-only"> {`— ${name}`}</span>
                  </Button>
                </li>
                <li>
                  <Button size="small" priority="secondary" disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, decision: 'reject' })}>
                    {L.requests.reject}
                    <span className="fr-sr-only"> {`— ${name}`}</span>
                  </Button>
                </li>
              </ul>,
            ];
          })}
        />
      )}
    </section>
  );
}

/** E-mail domains whose verified addresses join the organisation at once (facilitators). */
export function DomainsSection({ org }: { org: OrganisationDetail }) {
  const qc = useQueryClient();
  const [domain, setDomain] = useState('');
  const [notice, setNotice] = useState<{ key: number; message: string } | null>(null);
  const errors = useFormErrors();
  const domains = useQuery({
    queryKey: ['domains', org.id],
    queryFn: () => api.get(`/api/organisations/${org.id}/domains`, domainsResponse),
    initialData: { domains: org.domains },
  });
  const refresh = (list: { domains: string[] }) => {
    qc.setQueryData(['domains', org.id], list);
    void qc.invalidateQueries({ queryKey: organisationKey(org.id) });
  };
  const add = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/organisations/${org.id}/domains`, body, domainsResponse),
    onSuccess: (r) => {
      refresh(r);
      errors.clear();
      setDomain('');
      setNotice({ key: Date.now(), message: L.domains.added });
    },
    onError: errors.fail,
  });
  const remove = useMutation({
    mutationFn: (d: string) => api.delete(`/api/organisations/${org.id}/domains/${encodeURIComponent(d)}`, domainsResponse),
    onSuccess: (r) => {
      refresh(r);
      errors.clear();
      setNotice({ key: Date.now(), message: L.domains.removed });
    },
    onError: errors.fail,
  });
  const list = domains.data?.domains ?? [];
  return (
    <section aria-labelledby="domains-title" className="fr-mb-6w">
      <h2 id="domains-title">{L.domains.title}</h2>
      <p>{L.domains.lead}</p>
      {notice && <FocusedAlert severity="success" as="h3" title={notice.message} focusKey={notice.key} />}
      <ErrorSummary feedback={errors.feedback} fields={{ domain: { label: L.domains.add, id: 'domain-new' } }} as="h3" />
      {list.length === 0 ? (
        <p>{L.domains.none}</p>
      ) : (
        <ul aria-label={L.domains.listLabel}>
          {list.map((d) => (
            <li key={d} className="fr-mb-1w">
              <code>{d}</code>{' '}
              <Button size="small" priority="tertiary" iconId="fr-icon-delete-line" iconPosition="left" disabled={remove.isPending} onClick={() => remove.mutate(d)} title={L.domains.remove(d)}>
                {L.domains.removeShort}
                <span className="fr-sr-only"> {d}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(domainBody, { domain });
          if (body) add.mutate(body);
        }}
      >
        <TextField id="domain-new" label={L.domains.add} hint={L.domains.addHint} value={domain} onChange={setDomain} error={errors.error('domain')} spellCheck={false} autoComplete="off" />
        <Button type="submit" priority="secondary" disabled={add.isPending}>
          {L.domains.submit}
        </Button>
      </form>
    </section>
  );
}

/** Admins complete or correct the SIREN (PUT /api/admin/organisations/:id/siren). */
export function SirenSection({ org }: { org: OrganisationDetail }) {
  const qc = useQueryClient();
  const [siren, setSiren] = useState(org.siren ?? '');
  const [savedAt, setSavedAt] = useState(0);
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/admin/organisations/${org.id}/siren`, body, okResponse),
    onSuccess: () => {
      setSavedAt(Date.now());
      void qc.invalidateQueries({ queryKey: organisationKey(org.id) });
      void qc.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: errors.fail,
  });
  return (
    <section id="siren" aria-labelledby="siren-title" className="fr-mb-6w">
      <h2 id="siren-title" tabIndex={-1} className="entraide-focus-target">
        {L.siren.title}
      </h2>
      <p>{L.siren.lead}</p>
      {savedAt > 0 && <FocusedAlert severity="success" as="h3" title={L.siren.saved} focusKey={savedAt} />}
      <ErrorSummary feedback={errors.feedback} fields={{ siren: { label: L.siren.label, id: 'siren-value' } }} as="h3" />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSavedAt(0);
          const body = errors.validate(sirenBody, { siren });
          if (body) mutation.mutate(body);
        }}
      >
        <TextField id="siren-value" label={L.siren.label} hint={L.siren.hint} inputMode="numeric" value={siren} onChange={setSiren} error={errors.error('siren')} autoComplete="off" maxLength={11} />
        <Button type="submit" priority="secondary" disabled={mutation.isPending}>
          {L.siren.submit}
        </Button>
      </form>
    </section>
  );
}

/**
 * Admins check an organisation created from the unknown SIREN of a ProConnect identity (ADR 0030): its
 * real name and type (PUT /api/admin/organisations/:id/review); the flag « à vérifier » then goes.
 */
export function ReviewSection({ org }: { org: OrganisationDetail }) {
  const qc = useQueryClient();
  const [name, setName] = useState(org.name);
  const [kind, setKind] = useState<string>(org.kind);
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/admin/organisations/${org.id}/review`, body, okResponse),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: organisationKey(org.id) });
      void qc.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: errors.fail,
  });
  // Once saved, the organisation comes back without the flag and the form goes: the confirmation
  // stays in its place, focused, instead of vanishing with it (the page stays mounted for this).
  if (!org.needsReview) return mutation.isSuccess ? <FocusedAlert severity="success" as="h2" title={L.review.saved} description={L.review.savedDetail} /> : null;
  return (
    <section id="verification" aria-labelledby="verification-title" className="fr-mb-6w">
      <h2 id="verification-title" tabIndex={-1} className="entraide-focus-target">
        {L.review.title}
      </h2>
      <p>{L.review.lead(org.siren ?? '')}</p>
      {mutation.isSuccess && <FocusedAlert severity="success" as="h3" title={L.review.saved} />}
      <ErrorSummary feedback={errors.feedback} fields={{ name: { label: L.review.name, id: 'verification-name' }, kind: { label: L.review.kind, id: 'verification-kind' } }} as="h3" />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(organisationReviewBody, { name, kind });
          if (body) mutation.mutate(body);
        }}
      >
        <TextField id="verification-name" label={L.review.name} value={name} onChange={setName} error={errors.error('name')} maxLength={200} autoComplete="off" />
        <SelectField
          id="verification-kind"
          label={L.review.kind}
          value={kind}
          onChange={setKind}
          options={organisationKindKeys.map((k) => ({ value: k, label: L.kinds[k] }))}
          error={errors.error('kind')}
        />
        <Button type="submit" priority="secondary" disabled={mutation.isPending}>
          {L.review.submit}
        </Button>
      </form>
    </section>
  );
}
