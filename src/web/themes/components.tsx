import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import Tag from '@codegouvfr/react-dsfr/Tag';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { THEMES_MAX, themeKeys } from '../../shared/fields';
import { paths } from '../paths';
import { themeLabel, themeLabels as L } from './labels';

/**
 * The one theme picker of the forms (events, co-development cases, library resources): a checkbox
 * per theme of the platform's list, at most THEMES_MAX checked (the others are disabled then).
 * `id` is the group's id, focused from the error summary.
 */
export function ThemePicker({ id, value, onChange, error, legend = L.picker.legend, max = THEMES_MAX }: { id: string; value: string[]; onChange: (themes: string[]) => void; error?: string; legend?: string; max?: number }) {
  return (
    <div id={id} tabIndex={-1}>
      <Checkbox
        legend={`${legend} ${L.picker.optional}`}
        hintText={L.picker.hint(max)}
        small
        orientation="horizontal"
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        options={themeKeys.map((k) => ({
          label: themeLabel(k),
          nativeInputProps: {
            name: `${id}-themes`,
            value: k,
            checked: value.includes(k),
            disabled: !value.includes(k) && value.length >= max,
            onChange: (e) => onChange(e.target.checked ? [...value, k] : value.filter((t) => t !== k)),
          },
        }))}
      />
    </div>
  );
}

/** An item's themes as DSFR tags, each linking to its theme page. */
export function ThemeTags({ themes, className = 'fr-mb-1w' }: { themes: string[]; className?: string }) {
  if (!themes.length) return null;
  return (
    <div className={className}>
      <span className="fr-sr-only">{L.tags.of} </span>
      <ul className="fr-tags-group">
        {themes.map((k) => (
          <li key={k}>
            <Tag small linkProps={{ to: paths.theme(k) }}>
              {themeLabel(k)}
            </Tag>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** An item's themes as links in running text (« Gouvernance, Indicateurs et suivi »), for definition lists. */
export function ThemeLinks({ themes }: { themes: string[] }) {
  return (
    <>
      {themes.map((k, i) => (
        <Fragment key={k}>
          {i > 0 && ', '}
          <Link to={paths.theme(k)}>{themeLabel(k)}</Link>
        </Fragment>
      ))}
    </>
  );
}
