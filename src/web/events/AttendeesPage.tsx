import Alert from '@codegouvfr/react-dsfr/Alert';
import Table from '@codegouvfr/react-dsfr/Table';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { formatDateTime } from '../platform/format';
import { useSession } from '../platform/session';
import { attendeesCsvUrl, eventsKey, useAttendees, useEvent, useExports } from './api';
import { eventLabels } from './labels';

const L = eventLabels.attendees;

/** Facilitators: who is registered or waiting, the CSV export, and (admins) who exported it. */
export function AttendeesPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const event = useEvent(id);
  const list = useAttendees(id);
  const exportsLog = useExports(id, session.isAdmin);
  const qc = useQueryClient();
  const crumbs = [{ label: eventLabels.agenda.title, to: paths.agenda() }, ...(event.data ? [{ label: event.data.title, to: paths.event(id) }] : [])];
  if (event.isPending || list.isPending) return <PageLoading title={eventLabels.event.loadingTitle} breadcrumb={crumbs} />;
  if (event.isError || list.isError)
    return (
      <Page title={eventLabels.event.notFoundTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={(event.error ?? list.error)!.message} />
      </Page>
    );
  const items = list.data.items;
  return (
    <Page title={L.title(event.data.title)} breadcrumb={crumbs} lead={L.lead}>
      <p>
        <a
          className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
          href={attendeesCsvUrl(id)}
          download
          // The trace list of admins gains a line: refresh it after the download starts.
          onClick={() => window.setTimeout(() => void qc.invalidateQueries({ queryKey: [...eventsKey, 'exports', id] }), 1000)}
        >
          {L.export}
        </a>
      </p>
      {items.length === 0 ? (
        <p>{L.empty}</p>
      ) : (
        <Table
          noCaption
          caption={L.caption}
          headers={[L.name, L.email, L.organisations, L.status, L.date]}
          data={items.map((a) => [`${a.lastName} ${a.firstName}`, a.email, a.organisations, a.status === 'registered' ? L.registered : L.waitlisted(a.waitlistPosition), formatDateTime(a.registeredAt)])}
        />
      )}
      {session.isAdmin && (
        <section aria-labelledby="attendees-exports" className="fr-mt-6w">
          <h2 id="attendees-exports">{L.exportsTitle}</h2>
          {exportsLog.data && exportsLog.data.items.length === 0 && <p>{L.noExports}</p>}
          {exportsLog.data && exportsLog.data.items.length > 0 && (
            <Table
              noCaption
              caption={L.exportsCaption}
              headers={[L.exportedAt, L.exportedBy, L.rows]}
              data={exportsLog.data.items.map((x) => [formatDateTime(x.createdAt), x.exportedBy ?? L.unknownUser, x.rowsCount])}
            />
          )}
        </section>
      )}
    </Page>
  );
}
