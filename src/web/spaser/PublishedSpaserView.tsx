import type { SpaserDocument } from '../../server/spaser/document.contract';
import { percentUnits } from '../../server/spaser/spaser.content';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { chartColors, ChartWithTable, type ChartSeries, type ChartUnit } from '../platform/charts';
import { formatCalendarDate, formatDate, formatEuros, formatNumber, formatSiren } from '../platform/format';
import { spaserLabels } from './labels';

// The public page of a published SPASER (issue 18). One component, rendered by the server for every
// visitor (ADR 0029: readable without JavaScript, by search engines and link previews) and by the web
// app over it: the page is never written twice. It reads the published document only.

const P = spaserLabels.published;
export const exportFormats = ['pdf', 'docx', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];
/** The public files of a published schéma: /schemas/<ref>-<slug>/document.<format>. */
export const publishedFileUrl = (path: string, format: ExportFormat) => `${path}/document.${format}`;

/** The key of a published schéma in the web app's query cache; the server's page carries it (ADR 0029). */
export const publishedSpaserKey = (ref: string) => ['published-spaser', ref] as const;

const chartUnit = (unit: string): ChartUnit => (percentUnits.includes(unit as never) ? 'share' : unit === 'euros' ? 'euros' : 'count');
// Shares are written 0–100 in a schéma, drawn 0–1 by the platform's chart.
const chartValue = (unit: string, v: number) => (percentUnits.includes(unit as never) ? v / 100 : v);

type Indicator = SpaserDocument['content']['indicators'][number];

function IndicatorBlock({ indicator, doc }: { indicator: Indicator; doc: SpaserDocument }) {
  const name = (id: string) => doc.buyers.find((b) => b.organisationId === id)?.name ?? id;
  const years = [...new Set(indicator.perBuyer.flatMap((b) => [...(b.baseline ? [b.baseline.year] : []), ...b.targets.map((t) => t.year), ...b.values.map((v) => v.year)]))].sort((a, b) => a - b);
  const series: ChartSeries[] = [];
  indicator.perBuyer.forEach((b, i) => {
    const buyer = name(b.organisationId);
    const at = (list: { year: number; value: number }[]) => years.map((y) => {
      const found = list.find((x) => x.year === y);
      return found ? chartValue(indicator.unit, found.value) : null;
    });
    const valueList = [...(b.baseline ? [b.baseline] : []), ...b.values];
    series.push({ key: `v-${b.organisationId}`, label: P.value(buyer), color: chartColors[(2 * i) % chartColors.length]!, values: at(valueList) });
    if (b.targets.length) series.push({ key: `t-${b.organisationId}`, label: P.target(buyer), color: chartColors[(2 * i + 1) % chartColors.length]!, values: at(b.targets) });
  });
  const sources = [...new Set(indicator.perBuyer.flatMap((b) => [b.baseline, ...b.values].map((f) => f?.source ?? '').filter(Boolean)))];
  return (
    <section className="fr-mb-5w" aria-labelledby={`ind-${indicator.id}`}>
      <h3 id={`ind-${indicator.id}`}>{indicator.name}</h3>
      <p className="fr-text--sm">{P.indicatorMeta(spaserLabels.categories[indicator.category] ?? indicator.category, spaserLabels.units[indicator.unit] ?? indicator.unit)}</p>
      {indicator.definition && <p>{indicator.definition}</p>}
      {years.length > 0 && <ChartWithTable title={indicator.name} as="h4" categories={years.map(String)} categoryLabel={P.year} series={series} unit={chartUnit(indicator.unit)} />}
      {sources.length > 0 && <p className="fr-text--xs">{P.source(sources.join(' ; '))}</p>}
    </section>
  );
}

export function PublishedSpaserView({ doc, bilanPath = null }: { doc: SpaserDocument; bilanPath?: string | null }) {
  const c = doc.content;
  const path = doc.publication?.path ?? '';
  const buyers = doc.buyers.map((b) => (b.siren ? `${b.name} (SIREN ${formatSiren(b.siren)})` : b.name)).join(' · ');
  const governance = [
    [spaserLabels.governance.steeringCommittee, c.governance.steeringCommittee],
    [spaserLabels.governance.monitoring, c.governance.monitoring],
    [spaserLabels.governance.reportingLine, c.governance.reportingLine],
  ].filter(([, v]) => v);
  const mappingAmount = (v: number | null) => (v === null ? '' : formatEuros(v));
  return (
    <Page
      title={doc.title}
      breadcrumb={[{ label: P.crumb, to: paths.spaserDirectory() }]}
      lead={
        <>
          <p className="fr-mb-1w">{P.buyers(buyers)}</p>
          <p className="fr-mb-1w">{P.period(doc.periodStart, doc.periodEnd)}</p>
          {doc.adoptedOn && <p className="fr-mb-1w">{P.adopted(formatCalendarDate(doc.adoptedOn), doc.adoptionReference)}</p>}
          {doc.publication && <p className="fr-text--sm">{P.publishedOn(formatDate(doc.publication.publishedAt))}</p>}
        </>
      }
    >
      {doc.publication && (
        <section aria-labelledby="downloads" className="fr-mb-5w">
          <h2 id="downloads" className="fr-h4">
            {P.downloads}
          </h2>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--secondary fr-btns-group--icon-left">
            {exportFormats.map((f) => (
              <li key={f}>
                <a className="fr-btn fr-btn--secondary" href={publishedFileUrl(path, f)} download>
                  {P.formats[f]}
                </a>
              </li>
            ))}
          </ul>
          {bilanPath && (
            <p>
              <a href={bilanPath}>{spaserLabels.bilan.publicLink}</a>
            </p>
          )}
          {doc.publication.siteUrl && (
            <p>
              <a href={doc.publication.siteUrl} target="_blank" rel="noopener" title={P.siteLinkTitle}>
                {P.siteLink}
              </a>
            </p>
          )}
        </section>
      )}

      {c.preamble && (
        <section aria-labelledby="preambule" className="fr-mb-5w">
          <h2 id="preambule">{P.preamble}</h2>
          {c.preamble.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </section>
      )}

      {(c.diagnostic.text || c.diagnostic.maturity !== null || c.diagnostic.mapping.length > 0) && (
        <section aria-labelledby="diagnostic" className="fr-mb-5w">
          <h2 id="diagnostic">{P.diagnostic}</h2>
          {c.diagnostic.text.split(/\n{2,}/).filter(Boolean).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
          {c.diagnostic.maturity !== null && <p>{P.maturity(c.diagnostic.maturity)}</p>}
          {c.diagnostic.mapping.length > 0 && (
            <div className="fr-table fr-table--no-caption">
              <table>
                <caption>{P.mapping}</caption>
                <thead>
                  <tr>
                    <th scope="col">{P.mappingFamily}</th>
                    <th scope="col">{P.mappingYear}</th>
                    <th scope="col">{P.mappingContracts}</th>
                    <th scope="col">{P.mappingAmount}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.diagnostic.mapping.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.family}</th>
                      <td>{m.year ?? ''}</td>
                      <td>{m.contracts === null ? '' : formatNumber(m.contracts)}</td>
                      <td>{mappingAmount(m.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="axes" className="fr-mb-5w">
        <h2 id="axes">{P.axes}</h2>
        {c.axes.length === 0 && <p>{P.noAxes}</p>}
        {c.axes.map((axis, i) => (
          <section key={axis.id} aria-labelledby={`axe-${i + 1}`} className="fr-mb-4w">
            <h3 id={`axe-${i + 1}`}>{P.axis(i + 1, axis.title)}</h3>
            {axis.objectives.map((o, j) => (
              <div key={o.id} className="fr-mb-3w">
                <h4 className="fr-h6">{P.objective(`${i + 1}.${j + 1}`, o.title)}</h4>
                {o.tags.length > 0 && (
                  <ul className="fr-tags-group">
                    {o.tags.map((t) => (
                      <li key={t}>
                        <p className="fr-tag fr-tag--sm">{spaserLabels.tags[t] ?? t}</p>
                      </li>
                    ))}
                  </ul>
                )}
                {o.actions.length > 0 && (
                  <ul>
                    {o.actions.map((a) => (
                      <li key={a.id}>
                        {a.title}
                        {[a.owner && P.actionOwner(a.owner), a.deadline && P.actionDeadline(formatCalendarDate(a.deadline)), P.actionStatus(spaserLabels.actionStatuses[a.status] ?? a.status)]
                          .filter(Boolean)
                          .map((x) => ` · ${x}`)
                          .join('')}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </section>
        ))}
      </section>

      <section aria-labelledby="indicateurs" className="fr-mb-5w">
        <h2 id="indicateurs">{P.indicators}</h2>
        {c.indicators.length === 0 && <p>{P.noIndicators}</p>}
        {c.indicators.map((ind) => (
          <IndicatorBlock key={ind.id} indicator={ind} doc={doc} />
        ))}
      </section>

      {(governance.length > 0 || c.governance.reviewCadenceMonths !== null) && (
        <section aria-labelledby="gouvernance" className="fr-mb-5w">
          <h2 id="gouvernance">{P.governance}</h2>
          <dl>
            {governance.map(([k, v]) => (
              <div key={k} className="fr-mb-2w">
                <dt className="fr-text--bold">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
            {c.governance.reviewCadenceMonths !== null && (
              <div>
                <dt className="fr-text--bold">{spaserLabels.governance.reviewCadenceMonths}</dt>
                <dd>{c.governance.reviewCadenceMonths}</dd>
              </div>
            )}
          </dl>
        </section>
      )}

      {c.stakeholders.length > 0 && (
        <section aria-labelledby="parties-prenantes" className="fr-mb-5w">
          <h2 id="parties-prenantes">{P.stakeholders}</h2>
          <ul>
            {c.stakeholders.map((s, i) => (
              <li key={i}>
                {s.who}
                {s.how ? ` — ${s.how}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="conformite" className="fr-mb-5w">
        <h2 id="conformite">{P.check}</h2>
        <p>{spaserLabels.check.score(doc.check.met, doc.check.applicable)}</p>
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>{P.check}</caption>
            <thead>
              <tr>
                <th scope="col">{P.checkRequirement}</th>
                <th scope="col">{P.checkBasis}</th>
                <th scope="col">{P.checkState}</th>
              </tr>
            </thead>
            <tbody>
              {doc.check.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.title}</th>
                  <td>{item.basis}</td>
                  <td>{P.checkStatus[item.status] ?? item.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}
