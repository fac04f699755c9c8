import { Link } from 'react-router';
import type { z } from 'zod';
import type { cardsResponse } from '../../server/cohorts/programme/participants.contract';
import { paths } from '../paths';
import { cohortLabels } from './labels';
import { useCards } from './participants.api';
import { participantsLabels } from './participants.labels';

const L = participantsLabels.trombinoscope;
type Cards = z.infer<typeof cardsResponse>;
type Level = 2 | 3;

/**
 * The cohort's « cartes d'identité » as a trombinoscope, for its members and staff (the server answers
 * 401/403 to anyone else, and nothing is shown then). `level`: the heading level of the section.
 */
export function Trombinoscope({ cohortId, level = 2 }: { cohortId: string; level?: Level }) {
  const q = useCards(cohortId);
  if (!q.data) return null;
  return <CardsSection cohortId={cohortId} data={q.data} level={level} />;
}

function CardsSection({ cohortId, data, level }: { cohortId: string; data: Cards; level: Level }) {
  const H = `h${level}` as const;
  const Hc = `h${level + 1}` as 'h3' | 'h4';
  const participants = data.items.filter((c) => c.role === 'participant').length;
  return (
    <section aria-labelledby={`trombinoscope-${cohortId}`} className="fr-mb-4w">
      <H id={`trombinoscope-${cohortId}`}>{L.title}</H>
      <p>
        {L.lead} {L.count(participants, data.participantCount)}
      </p>
      {data.canFill && (
        <p>
          <Link className={`fr-btn ${data.myCardFilled ? 'fr-btn--secondary' : ''}`} to={paths.cohortCard(cohortId)}>
            {data.myCardFilled ? L.editMine : L.fillMine}
          </Link>
        </p>
      )}
      {data.items.length === 0 ? (
        <p>{L.empty}</p>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {data.items.map((c) => (
            <li key={c.userId} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
              <div className="fr-card fr-card--no-arrow">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <Hc className="fr-card__title">
                      {c.firstName} {c.lastName}
                    </Hc>
                    <p className="fr-card__desc">
                      {c.jobRole}
                      {c.organisationName ? ` — ${c.organisationName}` : ''}
                      {c.role !== 'participant' ? ` (${cohortLabels.role[c.role]})` : ''}
                    </p>
                    <dl className="fr-text--sm fr-mb-0">
                      <dt className="fr-text--bold">{L.stage}</dt>
                      <dd className="fr-ml-0 fr-mb-1w">{cohortLabels.spaserStage[c.spaserStage]}</dd>
                      <dt className="fr-text--bold">{L.motivation}</dt>
                      <dd className="fr-ml-0 fr-mb-1w">{c.motivation}</dd>
                      <dt className="fr-text--bold">{L.canBring}</dt>
                      <dd className="fr-ml-0 fr-mb-1w">{c.canBring}</dd>
                      <dt className="fr-text--bold">{L.needs}</dt>
                      <dd className="fr-ml-0 fr-mb-0">{c.needs}</dd>
                    </dl>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {data.missing && <MissingLists cohortId={cohortId} missing={data.missing} level={level} />}
    </section>
  );
}

function MissingLists({ cohortId, missing, level }: { cohortId: string; missing: NonNullable<Cards['missing']>; level: Level }) {
  const H = `h${level + 1}` as 'h3' | 'h4';
  const name = (p: { firstName: string; lastName: string; organisationName: string | null }) => `${p.firstName} ${p.lastName}${p.organisationName ? ` (${p.organisationName})` : ''}`;
  return (
    <div className="fr-mt-3w">
      <H>{L.missingTitle}</H>
      <p className="fr-text--bold fr-mb-1w">{L.noCard}</p>
      {missing.noCard.length ? (
        <ul>
          {missing.noCard.map((p) => (
            <li key={p.userId}>{name(p)}</li>
          ))}
        </ul>
      ) : (
        <p>{L.noCardNone}</p>
      )}
      {missing.course && (
        <>
          <p className="fr-text--bold fr-mb-1w">{L.notStarted(missing.course.title)}</p>
          {missing.course.notStarted.length ? (
            <ul>
              {missing.course.notStarted.map((p) => (
                <li key={p.userId}>{name(p)}</li>
              ))}
            </ul>
          ) : (
            <p>{L.notStartedNone}</p>
          )}
        </>
      )}
      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
        <li>
          <Link className="fr-btn fr-btn--secondary" to={paths.cohortFollowUp(cohortId)}>
            {L.followUp}
          </Link>
        </li>
        {missing.course && (
          <li>
            <Link className="fr-btn fr-btn--tertiary" to={paths.courseProgress(missing.course.slug, cohortId)}>
              {L.courseProgress}
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}

/** On the cohort page (members' part): the trombinoscope, and the follow-up link for sponsors. */
export function CohortParticipantsPart({ cohortId, myRole }: { cohortId: string; myRole: string | null }) {
  return (
    <>
      {myRole === 'sponsor' && (
        <p>
          <Link className="fr-btn fr-btn--secondary" to={paths.cohortFollowUp(cohortId)}>
            {L.followUp}
          </Link>
        </p>
      )}
      <Trombinoscope cohortId={cohortId} level={3} />
    </>
  );
}
