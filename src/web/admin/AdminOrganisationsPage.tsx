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

export function AdminOrganisationsPage() {
  const [sp] = useSearchParams();
  const page = pageParam(sp.get('page'));
  const toComplete = useOrganisationSearch({ page }, '/api/admin/organisations', { sirenToComplete: 'true' });
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(heading, page);
  const status = toComplete.isPending ? platformLabels.loading : toComplete.data ? L.count(toComplete.data.total) : '';
  return (
    <Page title={L.title} breadcrumb={[{ label: AL.home.title, to: paths.admin() }]}>
      <section aria-labelledby="admin-orgs-complete" className="fr-mb-6w">
        <h2 id="admin-orgs-complete" ref={heading} tabIndex={-1} className="entraide-focus-target">
          {L.toCompleteTitle}
        </h2>
        <p>{L.toCompleteLead}</p>
        <ResultsStatus text={status} />
        {toComplete.isError && <FocusedAlert severity="error" as="h3" title={toComplete.error.message} />}
        {toComplete.data && toComplete.data.items.length > 0 && (
          <OrganisationResults
            data={toComplete.data}
            caption={L.toCompleteCaption}
            busy={toComplete.isFetching}
            action={(o) => (
              <Link to={`${paths.organisation(o.id)}#siren`}>
                {L.complete}
                <span className="fr-sr-only"> — {o.name}</span>
              </Link>
            )}
          />
        )}
        {toComplete.data && <PageLinks page={toComplete.data.page} total={toComplete.data.total} pageSize={toComplete.data.pageSize} />}
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
