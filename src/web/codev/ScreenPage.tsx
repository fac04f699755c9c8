import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import Stepper from '@codegouvfr/react-dsfr/Stepper';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { codevSteps, noteSaved, sessionDetail, stepResponse } from '../../server/codev/codev.contract';
import { Page, PageLoading } from '../layout/Page';
import { api, isApiError } from '../platform/api';
import type { NoteItem, SessionDetail, SessionState } from './api';
import { codevLabels } from './labels';
import { sessionCrumbs } from './SessionPage';

const L = codevLabels.screen;

/**
 * The live session: a snapshot on each (re)connection of the event stream, then notes and step
 * changes as they happen. `offset` is the server's clock minus this browser's, so every screen
 * computes the same time left.
 */
function useLiveSession(id: string) {
  const [data, setData] = useState<SessionDetail | null>(null);
  const [offset, setOffset] = useState(0);
  const [connected, setConnected] = useState(false);
  const [snapshots, setSnapshots] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const es = new EventSource(`/api/codev/sessions/${encodeURIComponent(id)}/events`);
    const applyState = (state: SessionState) => setOffset(Date.parse(state.serverNow) - Date.now());
    es.addEventListener('snapshot', (e) => {
      const d = JSON.parse((e as MessageEvent<string>).data) as SessionDetail;
      applyState(d.state);
      setData(d);
      setConnected(true);
      setSnapshots((n) => n + 1);
    });
    es.addEventListener('note', (e) => {
      const { note } = JSON.parse((e as MessageEvent<string>).data) as { note: NoteItem };
      setData((d) => (d ? { ...d, notes: [...d.notes.filter((n) => n.id !== note.id), note] } : d));
    });
    es.addEventListener('state', (e) => {
      const { state } = JSON.parse((e as MessageEvent<string>).data) as { state: SessionState };
      applyState(state);
      setData((d) => (d ? { ...d, state, can: { ...d.can, write: state.status === 'running' } } : d));
    });
    // The server closes the stream when access ends (logout, removal, disabled account) and says why.
    es.addEventListener('ended', (e) => {
      const { message } = JSON.parse((e as MessageEvent<string>).data) as { message: string };
      es.close();
      setConnected(false);
      setError(message);
    });
    es.onerror = () => {
      setConnected(false);
      // A refusal (403, 404) closes the stream for good: ask the API for its French message.
      if (es.readyState === EventSource.CLOSED)
        api.get(`/api/codev/sessions/${encodeURIComponent(id)}`, sessionDetail).then(
          () => setError(null),
          (err: unknown) => setError(isApiError(err) ? err.message : String(err)),
        );
    };
    return () => es.close();
  }, [id]);
  const replaceState = useCallback((state: SessionState) => {
    setOffset(Date.parse(state.serverNow) - Date.now());
    setData((d) => (d ? { ...d, state, can: { ...d.can, write: state.status === 'running' } } : d));
  }, []);
  return { data, offset, connected, snapshots, error, replaceState };
}

export function ScreenPage() {
  const { id = '' } = useParams();
  const live = useLiveSession(id);
  const [viewStep, setViewStep] = useState<number | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  if (live.error)
    return (
      <Page title={L.documentTitle}>
        <Alert severity="error" small description={live.error} />
      </Page>
    );
  if (!live.data) return <PageLoading title={L.documentTitle} />;
  const s = live.data;
  const current = s.state.currentStep;
  const shown = Math.min(viewStep ?? current, current) || current;
  const step = codevSteps[shown - 1];
  const act = async (action: 'start' | 'next' | 'extend' | 'end') => {
    setActionError(null);
    try {
      const r = await api.post(`/api/codev/sessions/${id}/steps`, action === 'extend' ? { action, minutes: 5 } : { action }, stepResponse);
      live.replaceState(r.state);
      setViewStep(null);
    } catch (e) {
      setActionError(isApiError(e) ? e.message : String(e));
    }
  };
  return (
    <Page title={L.title(s.title)} documentTitle={L.documentTitle} breadcrumb={sessionCrumbs(s)}>
      <p className="fr-badge fr-badge--sm fr-mb-2w" role="status">
        {live.connected ? L.live : L.reconnecting}
      </p>
      {s.state.status === 'planned' && <p>{L.notStarted}</p>}
      {s.state.status === 'ended' && <Alert severity="success" small description={L.ended} className="fr-mb-3w" />}
      {s.state.status === 'running' && current > 0 && (
        <>
          <Stepper currentStep={current} stepCount={6} title={codevSteps[current - 1]!.label} nextTitle={codevSteps[current]?.label} />
          <Timer state={s.state} offset={live.offset} />
        </>
      )}
      {s.can.facilitate && (
        <section aria-labelledby="controls-title" className="fr-mb-4w">
          <h2 id="controls-title" className="fr-h6">
            {L.controls}
          </h2>
          {actionError && <Alert severity="error" small description={actionError} className="fr-mb-2w" />}
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            {s.state.status === 'planned' && s.status !== 'cancelled' && (
              <li>
                <Button onClick={() => act('start')}>{L.start}</Button>
              </li>
            )}
            {s.state.status === 'running' && current < 6 && (
              <li>
                <Button onClick={() => act('next')}>{L.next}</Button>
              </li>
            )}
            {s.state.status === 'running' && (
              <>
                <li>
                  <Button priority="secondary" onClick={() => act('extend')}>
                    {L.extend}
                  </Button>
                </li>
                <li>
                  <Button priority={current === 6 ? 'primary' : 'tertiary'} onClick={() => act('end')}>
                    {L.end}
                  </Button>
                </li>
              </>
            )}
          </ul>
        </section>
      )}
      {current > 0 && step && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <nav className="fr-col-12 fr-col-md-3" aria-labelledby="steps-title">
            <h2 id="steps-title" className="fr-h6">
              {L.steps}
            </h2>
            <ol className="entraide-plain-list">
              {codevSteps.map((st) => (
                <li key={st.n}>
                  {st.n <= current ? (
                    <button
                      type="button"
                      className={`fr-btn fr-btn--sm ${st.n === shown ? '' : 'fr-btn--tertiary-no-outline'}`}
                      aria-pressed={st.n === shown}
                      onClick={() => setViewStep(st.n)}
                    >
                      {L.viewStep(st.n, st.label)} {st.n === current && s.state.status === 'running' ? L.current : ''}
                    </button>
                  ) : (
                    <span className="fr-text--sm">{L.viewStep(st.n, st.label)}</span>
                  )}
                </li>
              ))}
            </ol>
          </nav>
          <section className="fr-col-12 fr-col-md-9" aria-labelledby="step-title">
            <h2 id="step-title">{L.stepOf(step.n, step.label)}</h2>
            <p className="fr-text--sm">{step.hint}</p>
            <MyNote
              key={`${shown}`}
              sessionId={id}
              step={shown}
              me={s.me.id}
              label={shown === 6 ? L.learningsNote : L.myNote(step.label)}
              server={s.notes.find((n) => n.step === shown && n.authorId === s.me.id) ?? null}
              writable={s.can.write}
              snapshots={live.snapshots}
            />
            <h3 className="fr-h6 fr-mt-4w">{L.others}</h3>
            <OtherNotes notes={s.notes.filter((n) => n.step === shown && n.authorId !== s.me.id && n.body.trim())} />
          </section>
        </div>
      )}
    </Page>
  );
}

/** Time left in the current step, computed every second from the server's start time and length. */
function Timer({ state, offset }: { state: SessionState; offset: number }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  if (!state.stepStartedAt || state.stepDurationSeconds === null) return null;
  const left = Math.ceil((Date.parse(state.stepStartedAt) + state.stepDurationSeconds * 1000 - (Date.now() + offset)) / 1000);
  const abs = Math.abs(left);
  return (
    <p className={`fr-h4 ${left < 0 ? 'fr-text-default--error' : ''}`} role="timer">
      {left < 0 ? L.overTime : L.timeLeft} : {L.minutes(Math.floor(abs / 60), abs % 60)}
    </p>
  );
}

function OtherNotes({ notes }: { notes: NoteItem[] }) {
  if (!notes.length) return <p className="fr-text--sm">{L.noOthers}</p>;
  return (
    <ul className="entraide-plain-list">
      {notes
        .sort((a, b) => a.authorName.localeCompare(b.authorName, 'fr'))
        .map((n) => (
          <li key={n.id} className="fr-card fr-p-2w fr-mb-2w">
            <p className="fr-text--bold fr-mb-1v">{n.authorName}</p>
            <p className="fr-mb-0" style={{ whiteSpace: 'pre-wrap' }}>
              {n.body}
            </p>
          </li>
        ))}
    </ul>
  );
}

type Draft = { text: string };
const draftKey = (sessionId: string, step: number, me: string) => `entraide.codev.${sessionId}.${step}.${me}`;
const readDraft = (key: string): Draft | null => {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
};

/**
 * The user's own note for a step: saved while typing (debounced), with the version last saved so a
 * stale save is refused rather than overwriting; kept in this browser until the server has it, and
 * sent again after a lost connection (each new snapshot).
 */
function MyNote(props: { sessionId: string; step: number; me: string; label: string; server: NoteItem | null; writable: boolean; snapshots: number }) {
  const key = draftKey(props.sessionId, props.step, props.me);
  const [text, setText] = useState(() => readDraft(key)?.text ?? props.server?.body ?? '');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'offline' | 'conflict'>('idle');
  const [conflict, setConflict] = useState<string | null>(null);
  const version = useRef(props.server?.version ?? 0);
  const textRef = useRef(text);
  const saving = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const save = useCallback(async () => {
    if (saving.current) {
      again.current = true;
      return;
    }
    saving.current = true;
    setStatus('saving');
    const body = textRef.current;
    try {
      const r = await api.put(`/api/codev/sessions/${props.sessionId}/steps/${props.step}/notes/mine`, { body, version: version.current }, noteSaved);
      version.current = r.note.version;
      setConflict(null);
      if (textRef.current === body) window.localStorage.removeItem(key);
      setStatus('saved');
    } catch (e) {
      if (isApiError(e) && e.code === 'CODEV_NOTE_CONFLICT') {
        // Another tab saved meanwhile: learn its version, keep this text for the author to check.
        const fresh = await api.get(`/api/codev/sessions/${props.sessionId}`, sessionDetail).catch(() => null);
        version.current = fresh?.notes.find((n) => n.step === props.step && n.authorId === props.me)?.version ?? version.current;
        setConflict(e.message);
        setStatus('conflict');
      } else if (isApiError(e) && e.status === 0) setStatus('offline');
      else {
        setConflict(isApiError(e) ? e.message : String(e));
        setStatus('conflict');
      }
      again.current = false;
    } finally {
      saving.current = false;
    }
    if (again.current) {
      again.current = false;
      void save();
    }
  }, [key, props.me, props.sessionId, props.step]);

  // A server version newer than ours (first load, another tab) is adopted when nothing is pending here.
  useEffect(() => {
    if (!props.server || props.server.version <= version.current) return;
    if (readDraft(key)) return;
    version.current = props.server.version;
    textRef.current = props.server.body;
    setText(props.server.body);
  }, [props.server, key]);

  // After each (re)connection, a draft the server does not have yet is sent again.
  useEffect(() => {
    if (props.snapshots > 0 && props.writable && readDraft(key)) void save();
  }, [props.snapshots, props.writable, key, save]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const change = (value: string) => {
    setText(value);
    textRef.current = value;
    try {
      window.localStorage.setItem(key, JSON.stringify({ text: value } satisfies Draft));
    } catch {
      // Storage disabled: the note is still saved to the server.
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), 700);
  };

  const id = `note-${props.step}`;
  return (
    <div className="fr-input-group">
      <label className="fr-label" htmlFor={id}>
        {props.label}
        <span className="fr-hint-text">{props.writable ? L.myNoteHint : L.closedNote}</span>
      </label>
      <textarea className="fr-input" id={id} rows={6} value={text} readOnly={!props.writable} onChange={(e) => change(e.target.value)} aria-describedby={`${id}-status`} />
      <p id={`${id}-status`} className="fr-text--sm fr-mt-1w" role="status">
        {status === 'saving' ? L.saving : status === 'saved' ? L.saved : status === 'offline' ? L.offline : ''}
      </p>
      {conflict && <Alert severity="warning" small description={conflict} />}
    </div>
  );
}
