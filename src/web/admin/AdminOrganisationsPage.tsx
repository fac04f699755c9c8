import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { createOrganisationBody, createdResponse, organisationKindKeys, organisationKindLabels } from '../../server/organisations/organisations.contract';
import { Page } from '../layout/Page';
import { OrganisationResults } from '../organisations/components';
import { useOrganisationSearch } from '../organisations/api';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, pageParam, useFocusOnChange } from '../platform/results';
import { useTerritories } from '../platform/territories';
import { adminLabels as AL } from './labels';

const L = AL.organisations;

/** The two lists an admin works through: organisations whose SIREN is missing, and those « à vérifier ». */
const FILTER_PARAM = 'filtre';
const REVIEW_FILTER = 'a-verifier';

export function AdminOrganisationsPage() {
  const [sp, setSp] = useSearchParams();
  const page = pageParam(sp.get('page'));
  const filter = sp.get(FILTER_PARAM) === REVIEW_FILTER ? 'review' : 'siren';
  // Both lists are asked for, so that each filter shows its count; the one shown follows the page.
  const toComplete = useOrganisationSearch({ page: filter === 'siren' ? page : 1 }, '/api/admin/organisations', { sirenToComplete: 'true' });
  const toReview = useOrganisationSearch({ page: filter === 'review' ? page : 1 }, '/api/admin/organisations', { needsReview: 'true' });
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(heading, page);
  const list = filter === 'review' ? toReview : toComplete;
  const countText = filter === 'review' ? L.reviewCount : L.count;
  const status = list.isPending ? platformLabels.loading : list.data ? countText(list.data.total) : '';
  const choose = (next: 'siren' | 'review') => {
    const params = new URLSearchParams(sp);
    params.delete('page');
    if (next === 'review') params.set(FILTER_PARAM, REVIEW_FILTER);
    else params.delete(FILTER_PARAM);
    setSp(params);
  };
  return (
    <Page title={L.title} breadcrumb={[{ label: AL.home.title, to: paths.admin() }]}>
      <ul className="fr-tags-group" aria-label={L.filterLabel}>
        <li>
          <button type="button" className="fr-tag" aria-pressed={filter === 'siren'} onClick={() => choose('siren')}>
            {L.filterSiren(toComplete.data?.total ?? null)}
          </button>
        </li>
        <li>
          <button type="button" className="fr-tag" aria-pressed={filter === 'review'} onClick={() => choose('review')}>
            {L.filterReview(toReview.data?.total ?? null)}
          </button>
        </li>
      </ul>
      <section aria-labelledby="admin-orgs-list" className="fr-mb-6w">
        <h2 id="admin-orgs-list" ref={heading} tabIndex={-1} className="entraide-focus-target">
          {filter === 'review' ? L.toReviewTitle : L.toCompleteTitle}
        </h2>
        <p>{filter === 'review' ? L.toReviewLead : L.toCompleteLead}</p>
        <ResultsStatus text={status} />
        {list.isError && <FocusedAlert severity="error" as="h3" title={list.error.message} />}
        {list.data && list.data.items.length > 0 && (
          <OrganisationResults
            data={list.data}
            caption={filter === 'review' ? L.toReviewCaption : L.toCompleteCaption}
            busy={list.isFetching}
            action={(o) =>
              filter === 'review' ? (
                <Link to={`${paths.organisation(o.id)}#verification`}>
                  {L.review}
                  <span className="fr-sr-only"> — {o.name}</span>
                </Link>
              ) : (
                <Link to={`${paths.organisation(o.id)}#siren`}>
                  {L.complete}
                  <span className="fr-sr-only"> — {o.name}</span>
                </Link>
              )
            }
          />
        )}
        {list.data && <PageLinks page={list.data.page} total={list.data.total} pageSize={list.data.pageSize} />}
      </section>
      <CreateOrganisationForm />
    </Page>
  );
}

const emptyForm = { siren: '', name: '', kind: '', departementCode: '', domain: '' };

function CreateOrganisationForm() {
  const qc = useQueryClient();
  const territories = useTerritories();
  const [values, setValues] = useState(emptyForm);
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/admin/organisations', body, createdResponse),
    onSuccess: (r, body) => {
      setCreated({ id: r.id, name: (body as { name: string }).name });
      setValues(emptyForm);
      void qc.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: errors.fail,
  });
  const fields = {
    siren: { label: L.siren, id: 'create-siren' },
    name: { label: L.name, id: 'create-name' },
    kind: { label: L.kind, id: 'create-kind' },
    departementCode: { label: L.departement, id: 'create-departement' },
    domain: { label: L.domain, id: 'create-domain' },
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    const body = errors.validate(createOrganisationBody, {
      siren: values.siren,
      name: values.name,
      kind: values.kind || undefined,
      departementCode: values.departementCode || null,
      domain: values.domain.trim() || undefined,
    });
    if (body) mutation.mutate(body);
  };
  return (
    <section aria-labelledby="admin-orgs-create">
      <h2 id="admin-orgs-create">{L.createTitle}</h2>
      <p>{L.createLead}</p>
      {created && (
        <FocusedAlert
          severity="success"
          as="h3"
          title={L.created}
          focusKey={created.id}
          description={
            <Link to={paths.organisation(created.id)}>
              {L.open} : {created.name}
            </Link>
          }
        />
      )}
      <ErrorSummary feedback={errors.feedback} fields={fields} as="h3" />
      <div className="fr-grid-row">
        <form className="fr-col-12 fr-col-md-8" noValidate onSubmit={submit}>
          <p className="fr-hint-text">{platformLabels.required}</p>
          <TextField id={fields.siren.id} label={L.siren} hint={L.sirenHint} inputMode="numeric" value={values.siren} onChange={set('siren')} error={errors.error('siren')} autoComplete="off" maxLength={11} />
          <TextField id={fields.name.id} label={L.name} value={values.name} onChange={set('name')} error={errors.error('name')} autoComplete="organization" maxLength={200} />
          <SelectField
            id={fields.kind.id}
            label={L.kind}
            value={values.kind}
            onChange={set('kind')}
            error={errors.error('kind')}
            emptyOption={L.kindChoose}
            options={organisationKindKeys.map((k) => ({ value: k, label: organisationKindLabels[k] }))}
          />
          <SelectField
            id={fields.departementCode.id}
            label={L.departement}
            optional
            value={values.departementCode}
            onChange={set('departementCode')}
            error={errors.error('departementCode')}
            emptyOption={L.departementNone}
            options={territories.departements.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
          />
          <TextField id={fields.domain.id} label={L.domain} hint={L.domainHint} optional value={values.domain} onChange={set('domain')} error={errors.error('domain')} spellCheck={false} autoComplete="off" />
          <Button type="submit" disabled={mutation.isPending}>
            {L.submit}
          </Button>
        </form>
      </div>
    </section>
  );
}
