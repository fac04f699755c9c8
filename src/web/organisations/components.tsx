import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { organisationKindKeys, type OrganisationSummary, type searchResponse } from '../../server/organisations/organisations.contract';
import { contactLabels } from '../contact/labels';
import { paths } from '../paths';
import { SelectField, TextField } from '../platform/fields';
import { formatNumber } from '../platform/format';
import { NotProvided } from '../platform/results';
import { useTerritories } from '../platform/territories';
import { useKindCounts } from './api';
import { organisationsLabels as L } from './labels';

const spaserSeverity = {
  unknown: undefined,
  none: 'warning',
  in_preparation: 'info',
  in_consultation: 'info',
  adopted: 'success',
  published: 'success',
  in_revision: 'new',
} as const;

/** The SPASER status in words; the colour only repeats it. */
export function SpaserBadge({ status }: { status: OrganisationSummary['spaserStatus'] }) {
  return (
    <Badge as="span" small severity={spaserSeverity[status]} noIcon={status === 'unknown'}>
      {L.spaserStatus[status]}
    </Badge>
  );
}

export type SearchForm = { q: string; kind: string; region: string; departement: string };
export const emptySearch: SearchForm = { q: '', kind: '', region: '', departement: '' };

/** The search box and filters, shared by the search page and "Mon organisation". */
export function OrganisationSearchForm(props: {
  idPrefix: string;
  value: SearchForm;
  onChange: (v: SearchForm) => void;
  onSubmit: () => void;
  onReset: () => void;
  headingId: string;
  errors?: Record<string, string>;
}) {
  const { value, onChange, idPrefix } = props;
  const territories = useTerritories();
  const departements = territories.departements.filter((d) => !value.region || d.regionCode === value.region);
  // Only the kinds the registry holds, with their number, so that no filter leads to an empty list;
  // every kind until the counts arrive (and the chosen one always, so a shared link keeps its filter).
  const counts = useKindCounts().data?.kinds;
  const kindOptions = organisationKindKeys
    .filter((k) => !counts || k === value.kind || counts.some((c) => c.kind === k))
    .map((k) => {
      const n = counts?.find((c) => c.kind === k)?.count;
      return { value: k, label: n === undefined ? L.kinds[k] : L.search.kindWithCount(L.kinds[k], n) };
    });
  return (
    <form
      role="search"
      aria-labelledby={props.headingId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <TextField
        id={`${idPrefix}-q`}
        label={L.search.q}
        hint={L.search.qHint}
        type="search"
        optional
        value={value.q}
        onChange={(q) => onChange({ ...value, q })}
        error={props.errors?.q}
        maxLength={100}
        autoComplete="off"
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <SelectField
            id={`${idPrefix}-kind`}
            label={L.search.kind}
            optional
            value={value.kind}
            onChange={(kind) => onChange({ ...value, kind })}
            emptyOption={L.search.kindAll}
            options={kindOptions}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <SelectField
            id={`${idPrefix}-region`}
            label={L.search.region}
            optional
            value={value.region}
            onChange={(region) => onChange({ ...value, region, departement: '' })}
            emptyOption={L.search.regionAll}
            options={territories.regions.map((r) => ({ value: r.code, label: r.name }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <SelectField
            id={`${idPrefix}-departement`}
            label={L.search.departement}
            optional
            value={value.departement}
            onChange={(departement) => onChange({ ...value, departement })}
            emptyOption={L.search.departementAll}
            options={departements.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
          />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
            {L.search.submit}
          </Button>
        </li>
        <li>
          <Button type="button" priority="tertiary" onClick={props.onReset}>
            {L.search.reset}
          </Button>
        </li>
      </ul>
    </form>
  );
}

/** The results as a table with a caption; `action` adds a last column (e.g. "Choisir"). */
export function OrganisationResults(props: {
  data: z.infer<typeof searchResponse>;
  caption: string;
  action?: (o: OrganisationSummary) => ReactNode;
  busy?: boolean;
}) {
  const territories = useTerritories();
  if (props.data.items.length === 0)
    return (
      <p>
        {L.search.noResultHelp} <Link to={paths.contact(contactLabels.subjects.missingOrganisation)}>{contactLabels.linkTextCapital}</Link>
        {L.search.noResultHelpEnd}
      </p>
    );
  const headers: string[] = [L.search.colName, L.search.colKind, L.search.colDepartement, L.search.colPopulation, L.search.colMembers, L.search.colSpaser];
  if (props.action) headers.push(L.search.colAction);
  return (
    <div aria-busy={props.busy || undefined}>
      <Table
        caption={props.caption}
        headers={headers}
        data={props.data.items.map((o) => {
          const dep = territories.departementName(o.departementCode);
          const row: ReactNode[] = [
            <Link key="n" to={paths.organisation(o.id)}>
              {o.name}
            </Link>,
            L.kinds[o.kind],
            o.departementCode ? (dep ? `${dep} (${o.departementCode})` : o.departementCode) : <NotProvided key="d" />,
            o.population === null ? <NotProvided key="p" /> : formatNumber(o.population),
            formatNumber(o.membersCount),
            <SpaserBadge key="s" status={o.spaserStatus} />,
          ];
          if (props.action) row.push(props.action(o));
          return row;
        })}
      />
    </div>
  );
}
