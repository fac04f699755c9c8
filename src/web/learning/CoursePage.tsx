import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { SimplePage } from '../layout/SimplePage';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { isApiError } from '../platform/api';
import { formatDate } from '../platform/format';
import { useSession } from '../platform/session';
import { attestationPdfUrl, learningApi, learningKey, useCourse } from './api';
import { learnerState, ProgressBar } from './components';
import { durationText, learningLabels } from './labels';
import { useLocalCompleted } from './local-progress';

const C = learningLabels.catalogue;
const K = learningLabels.course;

/** /formations/:slug: the programme, where I am, « Commencer » or « Reprendre », and the attestation. */
export function CoursePage() {
  const { slug = '' } = useParams();
  const session = useSession();
  const location = useLocation();
  const q = useCourse(slug);
  const local = useLocalCompleted(slug);
  const crumbs = [{ label: C.title, to: paths.courses() }];
  if (q.isPending) return <PageLoading title={C.title} breadcrumb={crumbs} />;
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 404) return <SimplePage title={C.title} text={q.error.message} />;
    throw q.error;
  }
  const outline = q.data;
  const state = learnerState(outline, local);
  const started = state.done.size > 0 || !!outline.progress?.startedAt;
  const first = state.order[0];
  return (
    <Page
      title={outline.title}
      breadcrumb={crumbs}
      lead={
        <>
          <p className="fr-mb-1w">{outline.summary}</p>
          <p className="fr-text--sm fr-mb-0">
            {durationText(outline.minutes)} · {K.publishedOn(formatDate(outline.publishedAt), outline.revision)}
          </p>
        </>
      }
    >
      <ProgressBar done={state.done.size} total={state.order.length} id="progression-formation" />
      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-md fr-mb-4w">
        {!state.finished && (state.resume ?? first) && (
          <li>
            <Link className="fr-btn" to={paths.lesson(slug, (started ? state.resume : first)!)}>
              {started ? C.resume : C.start}
            </Link>
          </li>
        )}
        {outline.canEdit && (
          <>
            <li>
              <Link className="fr-btn fr-btn--secondary" to={paths.courseEdit(slug)}>
                {K.edit}
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--tertiary" to={paths.courseProgress(slug)}>
                {K.followUp}
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--tertiary" to={paths.courseHistory(slug)}>
                {K.history}
              </Link>
            </li>
          </>
        )}
      </ul>
      {!session.user && <p className="fr-text--sm">{C.visitorNote}</p>}
      <AttestationPanel slug={slug} finished={state.finished} signedIn={!!session.user} code={outline.progress?.attestationCode ?? null} next={location.pathname} />

      <h2 className="fr-mt-4w">{K.outline}</h2>
      {outline.enforceOrder && <p className="fr-text--sm">{K.orderEnforced}</p>}
      {outline.chapters.map((ch, ci) => (
        <section key={ch.id} className="fr-mb-4w" aria-labelledby={`chapitre-${ch.id}`}>
          <h3 id={`chapitre-${ch.id}`} className="fr-h5">
            {K.chapter(ci + 1)} — {ch.title} <span className="fr-text--sm fr-text--regular">({durationText(ch.minutes)})</span>
          </h3>
          <ol className="entraide-lessons">
            {ch.lessons.map((l) => {
              const open = state.open.has(l.id);
              const done = state.done.has(l.id);
              return (
                <li key={l.id} className="fr-mb-1w">
                  {open ? <Link to={paths.lesson(slug, l.id)}>{l.title}</Link> : <span>{l.title}</span>}
                  <span className="fr-text--sm"> · {durationText(l.durationMinutes)}</span>
                  {l.hasQuiz && (
                    <Badge as="span" small severity="info" noIcon className="fr-ml-1w">
                      {K.lessonQuiz}
                    </Badge>
                  )}
                  {done && (
                    <Badge as="span" small severity="success" className="fr-ml-1w">
                      {K.lessonDone}
                    </Badge>
                  )}
                  {!open && <span className="fr-text--sm fr-ml-1w fr-text-mention--grey">({K.lessonLocked})</span>}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </Page>
  );
}

function AttestationPanel({ slug, finished, signedIn, code, next }: { slug: string; finished: boolean; signedIn: boolean; code: string | null; next: string }) {
  const qc = useQueryClient();
  const issue = useMutation({
    mutationFn: () => learningApi.attestation(slug),
    onSuccess: () => qc.invalidateQueries({ queryKey: learningKey }),
  });
  const issued = issue.data?.code ?? code;
  return (
    <section className="fr-background-alt--grey fr-p-3w fr-mb-4w" aria-labelledby="attestation-titre">
      <h2 id="attestation-titre" className="fr-h5">
        {K.attestationTitle}
      </h2>
      {!finished ? (
        <p className="fr-mb-0">{K.attestationLater}</p>
      ) : !signedIn ? (
        <p className="fr-mb-0">
          {K.attestationSignIn} <Link to={paths.logIn(next)}>{learningLabels.course.signIn}</Link>
        </p>
      ) : issued ? (
        <>
          <p>{K.attestationReady}</p>
          <p className="fr-text--sm">{K.codeIs(issued)}</p>
          <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-md">
            <li>
              <a className="fr-btn fr-btn--icon-left fr-icon-download-line" href={attestationPdfUrl(slug)} download>
                {K.downloadAttestation}
              </a>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to={paths.attestation(issued)}>
                {K.verifyLink}
              </Link>
            </li>
          </ul>
        </>
      ) : (
        <>
          <p>{K.attestationReady}</p>
          {issue.isError && <Alert severity="error" small description={issue.error.message} className="fr-mb-2w" />}
          <Button onClick={() => issue.mutate()} disabled={issue.isPending}>
            {K.getAttestation}
          </Button>
        </>
      )}
    </section>
  );
}
