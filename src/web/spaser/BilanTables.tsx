import type { BilanIndicator } from '../../server/spaser/bilan.contract';
import { percentUnits } from '../../server/spaser/spaser.content';
import { formatNumber } from '../platform/format';
import { spaserLabels } from './labels';

const B = spaserLabels.bilan;

/** A value with its unit's symbol: « 12,5 % », « 150 000 € », bare otherwise. */
export function bilanValueText(value: number, unit: string): string {
  if (percentUnits.includes(unit as never)) return `${formatNumber(value)} %`;
  if (unit === 'euros') return `${formatNumber(value)} €`;
  return formatNumber(value);
}

/**
 * Each indicator of a bilan, each buyer's yearly values against its targets, as data tables (issue
 * 19, item 2). One component for the builder's page and the public page (rendered by the server):
 * reached or not is written in words, never shown by colour alone.
 */
export function BilanTables({ indicators, headingLevel = 'h2' }: { indicators: BilanIndicator[]; headingLevel?: 'h2' | 'h3' }) {
  const H = headingLevel;
  if (indicators.length === 0) return <p>{B.empty}</p>;
  return (
    <>
      {indicators.map((ind) => (
        <section key={ind.id} className="fr-mb-5w" aria-labelledby={`bilan-${ind.id}`}>
          <H id={`bilan-${ind.id}`} className={H === 'h2' ? 'fr-h4' : 'fr-h5'}>
            {ind.name}
          </H>
          <p className="fr-text--sm fr-mb-1w">
            {spaserLabels.categories[ind.category] ?? ind.category} · {spaserLabels.units[ind.unit] ?? ind.unit}
          </p>
          {ind.fromDecp && <p className="fr-text--sm fr-mb-1w">{B.fromDecp}</p>}
          {ind.lowerIsBetter && <p className="fr-text--sm fr-mb-1w">{B.ceiling}</p>}
          {ind.perBuyer.map((b) => {
            const compared = b.years.filter((y) => y.reached !== null);
            return (
              <div key={b.organisationId}>
                {b.baseline && <p className="fr-text--sm fr-mb-1w">{B.baseline(bilanValueText(b.baseline.value, ind.unit), b.baseline.year)}</p>}
                <div className="fr-table fr-table--bordered">
                  <table>
                    <caption>{B.caption(ind.name, b.name)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{B.colYear}</th>
                        <th scope="col">{B.colValue}</th>
                        <th scope="col">{B.colOrigin}</th>
                        <th scope="col">{B.colTarget}</th>
                        <th scope="col">{B.colReached}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {b.years.map((y) => (
                        <tr key={y.year}>
                          <th scope="row">{y.year}</th>
                          <td>
                            {y.value === null ? B.unknown : bilanValueText(y.value, ind.unit)}
                            {y.decp && <span className="fr-text--xs fr-mb-0 fr-hint-text">{B.decpDetail(formatNumber(y.decp.numerator), formatNumber(y.decp.denominator))}</span>}
                            {y.overrideReason && <span className="fr-text--xs fr-mb-0 fr-hint-text">{B.overrideReason(y.overrideReason)}</span>}
                          </td>
                          <td>{B.origin[y.origin ?? 'none']}</td>
                          <td>{y.target ? B.targetOf(bilanValueText(y.target.value, ind.unit), y.target.year, y.target.year === y.year) : B.noTarget}</td>
                          <td>{y.reached === null ? B.unknown : y.reached ? B.reached : B.notReached}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {compared.length > 0 && <p className="fr-text--sm">{B.summary(compared.filter((y) => y.reached).length, compared.length)}</p>}
              </div>
            );
          })}
        </section>
      ))}
    </>
  );
}
