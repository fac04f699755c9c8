import Button from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { TextField } from '../platform/fields';
import { spaserLabels as L } from './labels';

// Small pieces the SPASER builder's sections share.

export type ErrorAt = (path: string) => string | undefined;

/** A number typed in a text box (keeps what is typed; null when empty). */
export function NumberField(props: { id: string; label: string; hint?: string; value: number | null; onChange: (v: number | null) => void; error?: string; decimal?: boolean }) {
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  return (
    <TextField
      id={props.id}
      label={props.label}
      hint={props.hint}
      optional
      // Decimals need a comma, which some numeric keyboards lack.
      inputMode={props.decimal ? 'text' : 'numeric'}
      value={text}
      error={props.error}
      onChange={(t) => {
        setText(t);
        const n = Number(t.replace(',', '.').replace(/\s/g, ''));
        props.onChange(t.trim() === '' || !Number.isFinite(n) ? null : n);
      }}
    />
  );
}

/** Moves item `i` of a list by `by` (keyboard and mouse: « Monter » / « Descendre » buttons). */
export const move = <T,>(list: T[], i: number, by: -1 | 1): T[] => {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
};

export function ItemButtons(props: { what: string; index: number; count: number; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left fr-mt-1w">
      <li>
        <Button type="button" priority="tertiary" size="small" iconId="fr-icon-arrow-up-line" disabled={props.index === 0} onClick={() => props.onMove(-1)}>
          {L.axes.up(props.what)}
        </Button>
      </li>
      <li>
        <Button type="button" priority="tertiary" size="small" iconId="fr-icon-arrow-down-line" disabled={props.index === props.count - 1} onClick={() => props.onMove(1)}>
          {L.axes.down(props.what)}
        </Button>
      </li>
      <li>
        <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={props.onRemove}>
          {L.axes.remove(props.what)}
        </Button>
      </li>
    </ul>
  );
}
