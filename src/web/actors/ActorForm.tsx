import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { useState, type FormEvent, type ReactNode } from 'react';
import { actorKindKeys, actorKindLabels, type ActorInput, type ActorSummary } from '../../server/actors/actors.contract';
import { regionCodes, regionNames, themeKeys, themes } from '../../shared/fields';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, type useFormErrors } from '../platform/forms';
import { actorsLabels } from './labels';

// The one form of an actor: a facilitator's creation and edit, and a member's correction (with its
// comment). The values are sent as the API's contract reads them; its French messages come back
// under each field.

const F = actorsLabels.form;

export type ActorFormValues = {
  name: string;
  kind: string;
  national: boolean;
  regionCodes: string[];
  themes: string[];
  description: string;
  website: string;
  contact: string;
  sources: string;
};

export const emptyActor: ActorFormValues = { name: '', kind: '', national: false, regionCodes: [], themes: [], description: '', website: '', contact: '', sources: '' };

export const formValuesOf = (a: ActorSummary): ActorFormValues => ({
  name: a.name,
  kind: a.kind,
  national: a.national,
  regionCodes: a.regionCodes,
  themes: a.themes,
  description: a.description,
  website: a.website ?? '',
  contact: a.contact ?? '',
  sources: a.sources.join('\n'),
});

/** The values as the API reads them (actorInput): one source per line, empty optional fields as null. */
export const inputOf = (v: ActorFormValues) => ({
  name: v.name,
  kind: v.kind,
  national: v.national,
  regionCodes: v.national ? [] : v.regionCodes,
  themes: v.themes,
  description: v.description,
  website: v.website.trim() || null,
  contact: v.contact.trim() || null,
  sources: v.sources
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean),
});

type Props = {
  idPrefix: string;
  initial: ActorFormValues;
  errors: ReturnType<typeof useFormErrors>;
  submitLabel: string;
  pending: boolean;
  onSubmit: (input: ReturnType<typeof inputOf>, values: ActorFormValues) => void;
  onCancel?: () => void;
  /** Fields before the actor's (a correction's comment). */
  before?: ReactNode;
  headingLevel?: 'h2' | 'h3';
};

export function ActorForm({ idPrefix, initial, errors, submitLabel, pending, onSubmit, onCancel, before, headingLevel = 'h2' }: Props) {
  const [v, setV] = useState<ActorFormValues>(initial);
  const set = <K extends keyof ActorFormValues>(k: K, value: ActorFormValues[K]) => setV((x) => ({ ...x, [k]: value }));
  const toggle = (k: 'regionCodes' | 'themes', key: string, on: boolean) => setV((x) => ({ ...x, [k]: on ? [...x[k], key] : x[k].filter((y) => y !== key) }));
  const id = (f: string) => `${idPrefix}-${f}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(inputOf(v), v);
  };
  const state = (f: string) => (errors.error(f) ? ({ state: 'error', stateRelatedMessage: errors.error(f) } as const) : {});
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary
        as={headingLevel === 'h2' ? 'h2' : 'h3'}
        feedback={errors.feedback}
        fields={{
          comment: { label: actorsLabels.detail.comment, id: id('comment') },
          name: { label: F.name, id: id('name') },
          kind: { label: F.kind, id: id('kind') },
          regionCodes: { label: F.regions, id: id('regions') },
          themes: { label: F.themes, id: id('themes') },
          description: { label: F.description, id: id('description') },
          website: { label: F.website, id: id('website') },
          contact: { label: F.contact, id: id('contact') },
          sources: { label: F.sources, id: id('sources') },
        }}
      />
      {before}
      <TextField id={id('name')} label={F.name} value={v.name} onChange={(x) => set('name', x)} error={errors.error('name')} maxLength={160} />
      <SelectField
        id={id('kind')}
        label={F.kind}
        value={v.kind}
        onChange={(x) => set('kind', x)}
        error={errors.error('kind')}
        emptyOption=""
        options={actorKindKeys.map((k) => ({ value: k, label: actorKindLabels[k] }))}
      />
      <Checkbox
        id={id('national')}
        options={[{ label: F.national, nativeInputProps: { name: 'national', checked: v.national, onChange: (e) => set('national', e.target.checked) } }]}
      />
      {!v.national && (
        <Checkbox
          id={id('regions')}
          legend={F.regions}
          hintText={F.regionsHint}
          orientation="horizontal"
          {...state('regionCodes')}
          options={regionCodes.map((code) => ({
            label: regionNames[code] ?? code,
            nativeInputProps: { name: 'regionCodes', value: code, checked: v.regionCodes.includes(code), onChange: (e) => toggle('regionCodes', code, e.target.checked) },
          }))}
        />
      )}
      <Checkbox
        id={id('themes')}
        legend={F.themes}
        orientation="horizontal"
        {...state('themes')}
        options={themeKeys.map((k) => ({
          label: themes[k],
          nativeInputProps: { name: 'themes', value: k, checked: v.themes.includes(k), onChange: (e) => toggle('themes', k, e.target.checked) },
        }))}
      />
      <TextField id={id('description')} label={F.description} hint={F.descriptionHint} textArea rows={4} value={v.description} onChange={(x) => set('description', x)} error={errors.error('description')} maxLength={2000} />
      <TextField id={id('website')} label={F.website} type="url" value={v.website} onChange={(x) => set('website', x)} error={errors.error('website')} maxLength={500} />
      <TextField id={id('contact')} label={F.contact} hint={F.contactHint} value={v.contact} onChange={(x) => set('contact', x)} error={errors.error('contact')} maxLength={300} />
      <TextField id={id('sources')} label={F.sources} hint={F.sourcesHint} textArea rows={3} value={v.sources} onChange={(x) => set('sources', x)} error={errors.error('sources')} />
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button type="submit" iconId="fr-icon-save-line" iconPosition="left" disabled={pending}>
            {submitLabel}
          </Button>
        </li>
        {onCancel && (
          <li>
            <Button type="button" priority="tertiary" iconId="fr-icon-close-line" iconPosition="left" onClick={onCancel}>
              {F.cancel}
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
