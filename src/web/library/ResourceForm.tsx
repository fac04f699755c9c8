import Button from '@codegouvfr/react-dsfr/Button';
import { useRef, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { LINKS_MAX, resourceInput, resourceKinds, SUMMARY_MAX, TITLE_MAX, type ResourceInput } from '../../server/library/library.contract';
import { cpvDivisionCodes } from '../../shared/cpv';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, type useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { useAudiences } from './api';
import { kindLabel, segmentLabel } from './components';
import { ThemePicker } from '../themes/components';
import { libraryLabels } from './labels';

const L = libraryLabels.propose;

/** What the resource form holds (and keeps as a draft in this browser): strings, as typed. */
export type ResourceFormValue = {
  kind: string;
  title: string;
  summary: string;
  body: string;
  themes: string[];
  segments: string[];
  producer: string;
  licence: string;
  publishedOn: string;
  visibility: string;
  spaceId: string;
  groupId: string;
  links: { label: string; url: string }[];
};

export const emptyResourceForm: ResourceFormValue = {
  kind: '',
  title: '',
  summary: '',
  body: '',
  themes: [],
  segments: [],
  producer: '',
  licence: '',
  publishedOn: '',
  visibility: 'public',
  spaceId: '',
  groupId: '',
  links: [],
};

export const resourceFieldIds = {
  kind: 'res-kind',
  title: 'res-title',
  summary: 'res-summary',
  body: 'res-body',
  themes: 'res-themes',
  segments: 'res-segments',
  producer: 'res-producer',
  licence: 'res-licence',
  publishedOn: 'res-published',
  visibility: 'res-visibility',
  spaceId: 'res-space',
  groupId: 'res-group',
  links: 'res-links-add',
  files: 'res-files',
} as const;
const linkId = (i: number, part: 'label' | 'url') => `res-link-${i}-${part}`;

type FormErrors = ReturnType<typeof useFormErrors>;

/**
 * The form's value as the API's resourceInput, or null after showing the errors. Link rows left
 * empty are dropped; a link's errors stay on its row (`links.0.url`), unlike the other arrays whose
 * first error is shown on the whole field.
 */
export function validateResourceForm(errors: FormErrors, form: ResourceFormValue): ResourceInput | null {
  const raw = {
    kind: form.kind || undefined,
    title: form.title,
    summary: form.summary,
    body: form.body,
    themes: form.themes,
    segments: form.segments,
    producer: form.producer,
    licence: form.licence,
    publishedOn: form.publishedOn || undefined,
    visibility: form.visibility,
    spaceId: form.visibility === 'space' ? form.spaceId || undefined : undefined,
    groupId: form.visibility === 'group' ? form.groupId || undefined : undefined,
    links: form.links.filter((l) => l.label.trim() || l.url.trim()),
  };
  const parsed = resourceInput.safeParse(raw);
  if (parsed.success) {
    errors.clear();
    return parsed.data;
  }
  errors.show(platformLabels.invalidFieldsTitle, fieldErrors(parsed.error, form));
  return null;
}

function fieldErrors(error: z.ZodError, form: ResourceFormValue) {
  // Rows sent are the non-empty ones: map their index back to the row on screen.
  const shown = form.links.flatMap((l, i) => (l.label.trim() || l.url.trim() ? [i] : []));
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const [head, index, part] = issue.path;
    const key = head === 'links' && typeof index === 'number' && part ? `links.${shown[index] ?? index}.${String(part)}` : issue.path.length ? String(head) : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The labels and ids the error summary links to, in the order of the form. */
export function resourceSummaryFields(form: ResourceFormValue, extra: Record<string, { label: string; id: string }> = {}) {
  const ids = resourceFieldIds;
  return {
    kind: { label: L.kind, id: ids.kind },
    title: { label: L.title, id: ids.title },
    summary: { label: L.summary, id: ids.summary },
    body: { label: L.body, id: ids.body },
    themes: { label: L.themes, id: ids.themes },
    segments: { label: L.segments, id: ids.segments },
    producer: { label: L.producer, id: ids.producer },
    licence: { label: L.licence, id: ids.licence },
    publishedOn: { label: L.publishedOn, id: ids.publishedOn },
    visibility: { label: L.visibility, id: ids.visibility },
    spaceId: { label: L.spaceId, id: ids.spaceId },
    groupId: { label: L.groupId, id: ids.groupId },
    ...extra,
    links: { label: L.linksLegend, id: ids.links },
    ...Object.fromEntries(
      form.links.flatMap((_, i) => [
        [`links.${i}.label`, { label: L.linkRowLabel(i + 1), id: linkId(i, 'label') }],
        [`links.${i}.url`, { label: L.linkRowUrl(i + 1), id: linkId(i, 'url') }],
      ]),
    ),
  };
}

/**
 * The one resource form (publish, propose, edit): every metadata field, the link rows, and the
 * page's own file section in `files`. The value lives in the caller (a draft kept in this browser).
 */
export function ResourceForm(props: {
  value: ResourceFormValue;
  onChange: (update: (f: ResourceFormValue) => ResourceFormValue) => void;
  errors: FormErrors;
  staff: boolean;
  files: ReactNode;
  /** Shown above the form (draft restored). */
  notice?: ReactNode;
  summaryExtra?: Record<string, { label: string; id: string }>;
  submitLabel: string;
  pending: boolean;
  onSubmit: () => void;
}) {
  const { value: form, onChange, errors, staff } = props;
  const audiences = useAudiences(staff);
  const ids = resourceFieldIds;
  const set = (k: keyof ResourceFormValue) => (v: string) => onChange((f) => ({ ...f, [k]: v }));
  const visibilities = staff ? (['public', 'verified', 'space', 'group'] as const) : (['public', 'verified'] as const);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <>
      <ErrorSummary feedback={errors.feedback} fields={resourceSummaryFields(form, props.summaryExtra)} />
      {props.notice}
      <p className="fr-text--sm">{L.required}</p>
      <form onSubmit={submit} noValidate>
        <SelectField id={ids.kind} label={L.kind} value={form.kind} onChange={set('kind')} error={errors.error('kind')} emptyOption={L.kindEmpty} options={resourceKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
        <TextField id={ids.title} label={L.title} value={form.title} onChange={set('title')} error={errors.error('title')} maxLength={TITLE_MAX} />
        <TextField id={ids.summary} label={L.summary} optional textArea rows={3} value={form.summary} onChange={set('summary')} error={errors.error('summary')} maxLength={SUMMARY_MAX} />
        <TextField id={ids.body} label={L.body} hint={L.bodyHint} optional textArea rows={8} value={form.body} onChange={set('body')} error={errors.error('body')} />
        <ThemePicker id={ids.themes} legend={L.themes} value={form.themes} onChange={(themes) => onChange((f) => ({ ...f, themes }))} error={errors.error('themes')} />
        <div className={`fr-select-group ${errors.error('segments') ? 'fr-select-group--error' : ''}`}>
          <label className="fr-label" htmlFor={ids.segments}>
            {L.segments} (facultatif)
            <span className="fr-hint-text">{L.segmentsHint}</span>
          </label>
          <select
            className="fr-select"
            id={ids.segments}
            multiple
            size={6}
            value={form.segments}
            aria-invalid={errors.error('segments') ? true : undefined}
            onChange={(e) => {
              const segments = [...e.target.selectedOptions].map((o) => o.value);
              onChange((f) => ({ ...f, segments }));
            }}
          >
            {cpvDivisionCodes.map((c) => (
              <option key={c} value={c}>
                {segmentLabel(c)}
              </option>
            ))}
          </select>
          {errors.error('segments') && <p className="fr-error-text">{errors.error('segments')}</p>}
        </div>
        <TextField id={ids.producer} label={L.producer} optional value={form.producer} onChange={set('producer')} error={errors.error('producer')} maxLength={200} />
        <TextField id={ids.licence} label={L.licence} hint={L.licenceHint} optional value={form.licence} onChange={set('licence')} error={errors.error('licence')} maxLength={200} />
        {staff && <TextField id={ids.publishedOn} label={L.publishedOn} type="date" optional value={form.publishedOn} onChange={set('publishedOn')} error={errors.error('publishedOn')} />}
        <SelectField id={ids.visibility} label={L.visibility} value={form.visibility} onChange={set('visibility')} error={errors.error('visibility')} options={visibilities.map((v) => ({ value: v, label: libraryLabels.visibilities[v] }))} />
        {form.visibility === 'space' && (
          <SelectField id={ids.spaceId} label={L.spaceId} value={form.spaceId} onChange={set('spaceId')} error={errors.error('spaceId')} emptyOption={L.chooseEmpty} options={(audiences.data?.spaces ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        )}
        {form.visibility === 'group' && (
          <SelectField id={ids.groupId} label={L.groupId} value={form.groupId} onChange={set('groupId')} error={errors.error('groupId')} emptyOption={L.chooseEmpty} options={(audiences.data?.groups ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.membersCount})` }))} />
        )}
        {props.files}
        <LinkRows links={form.links} onChange={(links) => onChange((f) => ({ ...f, links }))} errors={errors} />
        <Button type="submit" disabled={props.pending}>
          {props.submitLabel}
        </Button>
      </form>
    </>
  );
}

/**
 * External links (a video, a web page), one row each, LINKS_MAX at most: « Ajouter un lien » puts the
 * focus in the new row; removing a row puts it back on the add button, so a keyboard user never
 * loses their place.
 */
function LinkRows({ links, onChange, errors }: { links: ResourceFormValue['links']; onChange: (links: ResourceFormValue['links']) => void; errors: FormErrors }) {
  const addButton = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<string | null>(null);
  const focusRef = (id: string) => (el: HTMLInputElement | null) => {
    if (el && focusNext.current === id) {
      focusNext.current = null;
      el.focus();
    }
  };
  const setRow = (i: number, part: 'label' | 'url', v: string) => onChange(links.map((l, j) => (j === i ? { ...l, [part]: v } : l)));
  const add = () => {
    focusNext.current = linkId(links.length, 'label');
    onChange([...links, { label: '', url: '' }]);
  };
  const remove = (i: number) => {
    onChange(links.filter((_, j) => j !== i));
    addButton.current?.focus();
  };
  const general = errors.error('links');
  return (
    <fieldset className={`fr-fieldset fr-mb-4w ${general ? 'fr-fieldset--error' : ''}`} aria-labelledby="res-links-legend">
      <legend className="fr-fieldset__legend" id="res-links-legend">
        {L.linksLegend} (facultatif)
        <span className="fr-hint-text">{L.linksHint(LINKS_MAX)}</span>
      </legend>
      {links.map((l, i) => (
        <div key={i} className="fr-fieldset__element">
          <fieldset className="fr-fieldset entraide-link-row" aria-labelledby={`res-link-${i}-legend`}>
            <legend className="fr-fieldset__legend fr-text--md fr-mb-1w" id={`res-link-${i}-legend`}>
              {L.linkRow(i + 1)}
            </legend>
            <div className="fr-fieldset__element">
              <LinkInput id={linkId(i, 'label')} label={L.linkLabel} value={l.label} onChange={(v) => setRow(i, 'label', v)} error={errors.error(`links.${i}.label`)} inputRef={focusRef(linkId(i, 'label'))} maxLength={120} />
            </div>
            <div className="fr-fieldset__element">
              <LinkInput id={linkId(i, 'url')} label={L.linkUrl} hint={L.linkUrlHint} type="url" value={l.url} onChange={(v) => setRow(i, 'url', v)} error={errors.error(`links.${i}.url`)} maxLength={2000} />
            </div>
            <div className="fr-fieldset__element">
              <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" iconPosition="left" onClick={() => remove(i)} nativeButtonProps={{ 'aria-label': L.removeLink(i + 1) }}>
                {L.removeLinkShort}
              </Button>
            </div>
          </fieldset>
        </div>
      ))}
      <div className="fr-fieldset__element">
        {links.length < LINKS_MAX ? (
          <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" iconPosition="left" ref={addButton} nativeButtonProps={{ id: resourceFieldIds.links }} onClick={add}>
            {L.addLink}
          </Button>
        ) : (
          <p className="fr-text--sm fr-mb-0" id={resourceFieldIds.links} tabIndex={-1}>
            {L.linksFull(LINKS_MAX)}
          </p>
        )}
        {general && <p className="fr-error-text">{general}</p>}
      </div>
    </fieldset>
  );
}

/** A DSFR text input with an error under it and a ref (TextField has no ref). */
function LinkInput(props: { id: string; label: string; hint?: string; type?: 'text' | 'url'; value: string; onChange: (v: string) => void; error?: string; inputRef?: (el: HTMLInputElement | null) => void; maxLength: number }) {
  return (
    <div className={`fr-input-group ${props.error ? 'fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={props.id}>
        {props.label}
        {props.hint && <span className="fr-hint-text">{props.hint}</span>}
      </label>
      <input
        className={`fr-input ${props.error ? 'fr-input--error' : ''}`}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.maxLength}
        ref={props.inputRef}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <p className="fr-error-text" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
