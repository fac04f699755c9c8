import Table from '@codegouvfr/react-dsfr/Table';
import { useId, type ReactNode } from 'react';
import { formatEuros, formatNumber } from './format';
import { platformLabels } from './labels';

// The platform's charts: hand-written SVG, each drawn beside the table of its values (RGAA: the table
// is the text alternative, the chart is an image labelled by its title that points to the table).

export type ChartUnit = 'share' | 'count' | 'euros';
/**
 * `notes`, by category: the words that replace a missing value, in the table and where the bar would
 * be (« non renseigné »), so that no data never reads as a zero.
 */
export type ChartSeries = { key: string; label: string; color: string; values: (number | null)[]; notes?: (string | null)[] };
export type ChartTarget = { value: number; label: string };

const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
export function formatValue(v: number | null | undefined, unit: ChartUnit): string {
  if (v === null || v === undefined) return platformLabels.chart.noValue;
  return unit === 'share' ? pct.format(v) : unit === 'euros' ? formatEuros(v) : formatNumber(v);
}

/** Colours of the series, dark enough on white (3:1 at least) and told apart in the legend and the table. */
export const chartColors = ['#000091', '#18753c', '#b34000', '#6e445a', '#3558a2', '#716043'];

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

type Props = {
  title: string;
  /** Heading level of the title (h3 by default). */
  as?: 'h3' | 'h4';
  categories: string[];
  /** The name of the categories column of the table (e.g. « Année »). */
  categoryLabel: string;
  series: ChartSeries[];
  unit: ChartUnit;
  targets?: ChartTarget[];
  note?: ReactNode;
  /** By category: the words for a category without any data (a missing year), drawn as a marked gap. */
  gaps?: (string | null)[];
};

/** A grouped bar chart with optional target lines, and the same figures in a table beside it. */
export function ChartWithTable({ title, as: H = 'h3', categories, categoryLabel, series, unit, targets = [], note, gaps = [] }: Props) {
  const id = useId();
  const W = 600;
  const H0 = 280;
  const left = 64;
  const right = 16;
  const top = 16;
  const bottom = 36;
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = unit === 'share' ? 1 : niceMax(Math.max(0, ...values, ...targets.map((t) => t.value)));
  const y = (v: number) => top + (H0 - top - bottom) * (1 - v / max);
  const band = (W - left - right) / Math.max(categories.length, 1);
  const barW = Math.min(36, (band * 0.8) / Math.max(series.length, 1));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const tick = (v: number) => (unit === 'share' ? pct.format(v) : unit === 'euros' ? `${formatNumber(v / 1_000_000)} M€` : formatNumber(v));
  return (
    <div className="fr-mb-4w">
      <H id={`${id}-title`} className="fr-h6">
        {title}
      </H>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-6">
          <svg viewBox={`0 0 ${W} ${H0}`} className="entraide-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
            <desc id={`${id}-desc`}>{platformLabels.chart.desc}</desc>
            {gaps.some(Boolean) && (
              <defs>
                <pattern id={`${id}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <line x1="0" y1="0" x2="0" y2="8" stroke="#dddddd" strokeWidth="3" />
                </pattern>
              </defs>
            )}
            {ticks.map((v) => (
              <g key={v}>
                <line x1={left} x2={W - right} y1={y(v)} y2={y(v)} stroke="#dddddd" />
                <text x={left - 6} y={y(v) + 4} textAnchor="end" fontSize="12" fill="#3a3a3a">
                  {tick(v)}
                </text>
              </g>
            ))}
            {categories.map((c, i) => (
              <g key={c}>
                {gaps[i] ? (
                  <g className="entraide-chart-gap">
                    <rect x={left + band * i + 2} y={top} width={band - 4} height={y(0) - top} fill={`url(#${id}-hatch)`} stroke="#929292" strokeDasharray="4 3" />
                    <text transform={`translate(${left + band * i + band / 2 + 4} ${y(0) - 8}) rotate(-90)`} fontSize="12" fill="#3a3a3a">
                      {gaps[i]}
                    </text>
                  </g>
                ) : null}
                {series.map((s, j) => {
                  const v = s.values[i];
                  const x = left + band * i + (band - barW * series.length) / 2 + barW * j;
                  const n = s.notes?.[i];
                  if ((v === null || v === undefined) && n && !gaps[i]) {
                    // Where the bar would be, the words written upwards: nothing to read as a zero.
                    return (
                      <text key={s.key} transform={`translate(${x + barW / 2 + 3} ${y(0) - 6}) rotate(-90)`} fontSize="11" fill={s.color}>
                        {n}
                      </text>
                    );
                  }
                  if (v === null || v === undefined) return null;
                  return <rect key={s.key} x={x} y={y(v)} width={barW - 2} height={Math.max(0, y(0) - y(v))} fill={s.color} />;
                })}
                <text x={left + band * i + band / 2} y={H0 - bottom + 18} textAnchor="middle" fontSize="12" fill="#3a3a3a">
                  {c}
                </text>
              </g>
            ))}
            <line x1={left} x2={W - right} y1={y(0)} y2={y(0)} stroke="#3a3a3a" />
            {targets.map((t) => (
              <g key={t.label}>
                <line x1={left} x2={W - right} y1={y(Math.min(t.value, max))} y2={y(Math.min(t.value, max))} stroke="#ce0500" strokeWidth="2" strokeDasharray="6 4" />
                <text x={W - right} y={y(Math.min(t.value, max)) - 4} textAnchor="end" fontSize="12" fill="#ce0500">
                  {t.label}
                </text>
              </g>
            ))}
          </svg>
          <ul className="entraide-chart-legend fr-text--sm">
            {series.map((s) => (
              <li key={s.key}>
                <span className="entraide-swatch" style={{ background: s.color }} aria-hidden="true" />
                {s.label}
              </li>
            ))}
            {gaps.some(Boolean) && (
              <li>
                <span className="entraide-swatch entraide-swatch--gap" aria-hidden="true" />
                {platformLabels.chart.gapLegend}
              </li>
            )}
            {targets.length > 0 && (
              <li>
                <span className="entraide-swatch entraide-swatch--target" aria-hidden="true" />
                {platformLabels.chart.targetLegend}
              </li>
            )}
          </ul>
        </div>
        <div className="fr-col-12 fr-col-lg-6">
          <Table
            caption={platformLabels.chart.tableCaption(title)}
            headers={[categoryLabel, ...series.map((s) => s.label), ...targets.map((t) => t.label)]}
            data={categories.map((c, i) => [
              c,
              ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? (gaps[i] ?? s.notes?.[i] ?? formatValue(null, unit)) : formatValue(s.values[i], unit))),
              ...targets.map((t) => formatValue(t.value, unit)),
            ])}
            fixed
          />
        </div>
      </div>
      {note}
    </div>
  );
}
