import type { Verification } from '../../server/learning/learning.contract';
import { Page } from '../layout/Page';
import { formatDate } from '../platform/format';
import { durationText, learningLabels } from './labels';

const A = learningLabels.attestation;

/** The key of a verification in the web app's query cache; the server's page carries it (ADR 0029). */
export const attestationKey = (code: string) => ['attestation', code] as const;

/**
 * /attestations/<code> (issue 22, item 5): what an attestation states, confirmed from its code.
 * Rendered by the server for everyone (no JavaScript needed) and by the web app over it.
 */
export function AttestationView({ verification: v }: { verification: Verification }) {
  return (
    <Page title={A.verifyTitle}>
      <div className="fr-alert fr-alert--success fr-mb-4w">
        <h2 className="fr-alert__title">{A.valid}</h2>
        <p>{A.validText}</p>
      </div>
      <dl className="entraide-facts">
        <dt>{A.learner}</dt>
        <dd>{v.learnerName}</dd>
        <dt>{A.course}</dt>
        <dd>{v.courseTitle}</dd>
        <dt>{A.courseDuration}</dt>
        <dd>{durationText(v.courseMinutes)}</dd>
        <dt>{A.completedAt}</dt>
        <dd>{formatDate(v.completedAt)}</dd>
        <dt>{A.issuedAt}</dt>
        <dd>{formatDate(v.issuedAt)}</dd>
        <dt>{A.code}</dt>
        <dd>
          <code>{v.code}</code>
        </dd>
      </dl>
    </Page>
  );
}
