import { Link } from 'react-router';
import { Page } from '../layout/Page';
import { accessibility, legalNotice, privacy, sitemapLabels, terms, type Block, type LegalPage } from './labels';

function BlockView({ block }: { block: Block }) {
  if (typeof block === 'string') return <p>{block}</p>;
  if ('list' in block)
    return (
      <ul>
        {block.list.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    );
  return (
    <ul>
      {block.links.map((l) => (
        <li key={l.href}>
          {l.href.startsWith('/') ? (
            <Link to={l.href}>{l.text}</Link>
          ) : (
            <a href={l.href} target="_blank" rel="noreferrer" title={`${l.text}${sitemapLabels.externalSuffix}`}>
              {l.text}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

function LegalView({ page }: { page: LegalPage }) {
  return (
    <Page title={page.title} lead={page.lead}>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-9">
          {page.sections.map((s) => (
            <section key={s.title} className="fr-mb-5w">
              <h2>{s.title}</h2>
              {s.blocks.map((b, i) => (
                <BlockView key={i} block={b} />
              ))}
            </section>
          ))}
          {page.updated && <p className="fr-text--sm">{page.updated}</p>}
        </div>
      </div>
    </Page>
  );
}

export const AccessibilityPage = () => <LegalView page={accessibility} />;
export const LegalNoticePage = () => <LegalView page={legalNotice} />;
export const PrivacyPage = () => <LegalView page={privacy} />;
export const TermsPage = () => <LegalView page={terms} />;

export function SitemapPage() {
  return (
    <Page title={sitemapLabels.title}>
      <nav aria-label={sitemapLabels.title}>
        {sitemapLabels.groups.map((g) => (
          <section key={g.title} className="fr-mb-4w">
            <h2 className="fr-h4">{g.title}</h2>
            <ul>
              {g.links.map((l) => (
                <li key={l.href}>
                  <Link to={l.href}>{l.text}</Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
    </Page>
  );
}
