import type { BilanDocument } from '../../server/spaser/bilan.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { formatCalendarDate, formatDate } from '../platform/format';
import { BilanTables } from './BilanTables';
import { spaserLabels } from './labels';

const B = spaserLabels.bilan;
const P = spaserLabels.published;

/** The key of a published bilan in the web app's query cache; the server's page carries it (ADR 0029). */
export const publishedBilanKey = (ref: string) => ['published-bilan', ref] as const;
/** The PDF of a published bilan: /schemas/<ref>-<slug>/bilan.pdf. */
export const bilanPdfUrl = (path: string) => `${path}.pdf`;

/**
 * /schemas/<ref>-<slug>/bilan (issue 19, item 2): the newest published bilan des indicateurs, rendered
 * by the server for every visitor and by the web app over it, from the frozen bilan only.
 */
export function PublishedBilanView({ doc }: { doc: BilanDocument }) {
  return (
    <Page
      title={B.publicTitle(doc.title)}
      breadcrumb={[
        { label: P.crumb, to: paths.spaserDirectory() },
        { label: doc.title, to: doc.spaserPath },
      ]}
      lead={
        <>
          <p className="fr-mb-1w">{P.buyers(doc.buyers.map((b) => b.name).join(' · '))}</p>
          <p className="fr-mb-1w">{P.period(doc.periodStart, doc.periodEnd)}</p>
          {doc.adoptedOn && <p className="fr-mb-1w">{P.adopted(formatCalendarDate(doc.adoptedOn), doc.adoptionReference)}</p>}
          <p className="fr-text--sm">{B.publishedOn(doc.number, formatDate(doc.publishedAt))}</p>
        </>
      }
    >
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-4w">
        <li>
          <a className="fr-btn" href={bilanPdfUrl(doc.path)} download>
            {B.pdf}
          </a>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary" href={doc.spaserPath}>
            {B.backToSpaser}
          </a>
        </li>
      </ul>
      <BilanTables indicators={doc.indicators} />
    </Page>
  );
}
