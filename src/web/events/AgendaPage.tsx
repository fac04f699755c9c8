import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { eventKindValues } from '../../server/events/events.contract';
import { themeKeys, type Theme } from '../../shared/fields';
import { themeLabel } from '../themes/labels';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { SelectField, TextField } from '../platform/fields';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, SearchFormButtons, ViewLinks, pageParam } from '../platform/results';
import { useSession } from '../platform/session';
import { publicFeedPath, useEvents } from './api';
import { EventCard } from './components';
import { eventLabels } from './labels';

const L = eventLabels.agenda;

/** The agenda: upcoming or past events, filtered by kind and title; the public feed's address. */
export function AgendaPage() {
  const session = useSession();
  const [sp, setSp] = useSearchParams();
  const past = sp.get('periode') === 'passes';
  const kindParam = sp.get('type') ?? '';
  const kind = (eventKindValues as readonly string[]).includes(kindParam) ? (kindParam as (typeof eventKindValues)[number]) : undefined;
  const q = sp.get('q') ?? '';
  const themeParam = sp.get('theme') ?? '';
  const theme = (themeKeys as readonly string[]).includes(themeParam) ? (themeParam as Theme) : undefined;
  const page = pageParam(sp.get('page'));
  const [form, setForm] = useState({ kind: kind ?? '', theme: theme ?? '', q });
  const urlKey = sp.toString();
  useEffect(() => setForm({ kind: kind ?? '', theme: theme ?? '', q }), [urlKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const events = useEvents({ when: past ? 'past' : 'upcoming', kind, theme, q: q || undefined, page });

  const linkFor = (toPast: boolean) => {
    const next = new URLSearchParams(sp);
    next.delete('page');
    if (toPast) next.set('periode', 'passes');
    else next.delete('periode');
    const s = next.toString();
    return s ? `${paths.agenda()}?${s}` : paths.agenda();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (past) next.set('periode', 'passes');
    if (form.kind) next.set('type', form.kind);
    if (form.theme) next.set('theme', form.theme);
    if (form.q.trim()) next.set('q', form.q.trim());
    setSp(next);
  };
  const feedUrl = `${window.location.origin}${publicFeedPath}`;

  return (
    <Page title={L.title} lead={L.lead}>
      {session.user && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-2w fr-btns-group--icon-left">
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.myRegistrations()}>
              {L.mine}
            </Link>
          </li>
          {session.isStaff && (
            <li>
              <Link className="fr-btn" to={paths.eventCreate()}>
                {L.create}
              </Link>
            </li>
          )}
        </ul>
      )}
      <ViewLinks label={L.whenLabel} views={['upcoming', 'past'] as const} current={past ? 'past' : 'upcoming'} linkFor={(k) => linkFor(k === 'past')} text={(k) => L[k]} />
      <section aria-labelledby="agenda-filters" className="fr-mb-4w">
        <h2 id="agenda-filters" className="fr-h5">
          {L.filtersTitle}
        </h2>
        <form onSubmit={submit} noValidate aria-labelledby="agenda-filters">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <SelectField id="agenda-theme" label={L.theme} optional value={form.theme} onChange={(v) => setForm((f) => ({ ...f, theme: v }))} emptyOption={L.themeAll} options={themeKeys.map((k) => ({ value: k, label: themeLabel(k) }))} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <SelectField id="agenda-kind" label={L.kind} optional value={form.kind} onChange={(v) => setForm((f) => ({ ...f, kind: v }))} emptyOption={L.kindAll} options={eventKindValues.map((k) => ({ value: k, label: eventLabels.kinds[k]! }))} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <TextField id="agenda-q" label={L.q} optional type="search" value={form.q} onChange={(v) => setForm((f) => ({ ...f, q: v }))} maxLength={100} />
            </div>
          </div>
          <SearchFormButtons submit={L.submit} reset={L.reset} onReset={() => setSp(past ? new URLSearchParams({ periode: 'passes' }) : new URLSearchParams())} />
        </form>
      </section>
      <section aria-labelledby="agenda-results">
        <h2 id="agenda-results">{L.resultsTitle(past)}</h2>
        <ResultsStatus text={events.isPending ? platformLabels.loading : events.data ? L.count(events.data.total) : ''} />
        {events.isError && <FocusedAlert severity="error" as="h3" title={events.error.message} />}
        {events.data && events.data.items.length > 0 && (
          <ul className="entraide-plain-list" aria-busy={events.isFetching}>
            {events.data.items.map((e) => (
              <EventCard key={e.id} e={e} />
            ))}
          </ul>
        )}
        {events.data && <PageLinks page={events.data.page} total={events.data.total} pageSize={events.data.pageSize} />}
      </section>
      <section aria-labelledby="agenda-feed" className="fr-callout fr-mt-6w">
        <h2 id="agenda-feed" className="fr-callout__title fr-h5">
          {L.publicFeedTitle}
        </h2>
        <p className="fr-callout__text fr-text--md">{L.publicFeedText}</p>
        <p className="fr-mb-0">
          <a href={publicFeedPath}>{L.publicFeedLink}</a> : <code>{feedUrl}</code>
        </p>
      </section>
    </Page>
  );
}
