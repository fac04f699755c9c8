import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { createdResponse, resourceInput, resourceKinds, SUMMARY_MAX, TITLE_MAX } from '../../server/library/library.contract';
import { cpvDivisionCodes } from '../../shared/cpv';
import { themeKeys } from '../../shared/fields';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { libraryKey, useAudiences, useUploadLimits } from './api';
import { kindLabel, segmentLabel, themeLabel } from './components';
import { libraryLabels } from './labels';

const L = libraryLabels.propose;

type Form = {
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
  linkLabel: string;
  linkUrl: string;
};
const empty: Form = { kind: '', title: '', summary: '', body: '', themes: [], segments: [], producer: '', licence: '', publishedOn: '', visibility: 'public', spaceId: '', groupId: '', linkLabel: '', linkUrl: '' };
const ids: Record<string, string> = {
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
  links: 'res-link-label',
  files: 'res-files',
};

/** Facilitators publish here; verified members propose (a facilitator reviews). One form, one upload. */
export function ProposePage() {
  const session = useSession();
  const staff = session.isStaff;
  const audiences = useAudiences(staff);
  const limits = useUploadLimits();
  const [form, setForm] = useState<Form>(empty);
  const [files, setFiles] = useState<File[]>([]);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const toggleTheme = (k: string, on: boolean) => setForm((f) => ({ ...f, themes: on ? [...f.themes, k] : f.themes.filter((t) => t !== k) }));

  const send = useMutation({
    mutationFn: (data: FormData) => api.post(staff ? '/api/library/resources' : '/api/library/proposals', data, createdResponse),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: libraryKey });
      navigate(paths.libraryResource(r.id), staff ? undefined : { state: { flash: L.sent } });
    },
    onError: errors.fail,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
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
      links: form.linkUrl || form.linkLabel ? [{ label: form.linkLabel, url: form.linkUrl }] : [],
    };
    const data = errors.validate(resourceInput, raw);
    if (!data) return;
    const body = new FormData();
    body.append('data', JSON.stringify(data));
    for (const f of files) body.append('files', f, f.name);
    send.mutate(body);
  };

  const visibilities = staff ? (['public', 'verified', 'space', 'group'] as const) : (['public', 'verified'] as const);
  return (
    <Page title={staff ? L.titleStaff : L.titleMember} breadcrumb={[{ label: libraryLabels.home.title, to: paths.library() }]} lead={staff ? L.leadStaff : L.leadMember}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{
          kind: { label: L.kind, id: ids.kind! },
          title: { label: L.title, id: ids.title! },
          summary: { label: L.summary, id: ids.summary! },
          body: { label: L.body, id: ids.body! },
          themes: { label: L.themes, id: ids.themes! },
          segments: { label: L.segments, id: ids.segments! },
          producer: { label: L.producer, id: ids.producer! },
          licence: { label: L.licence, id: ids.licence! },
          publishedOn: { label: L.publishedOn, id: ids.publishedOn! },
          visibility: { label: L.visibility, id: ids.visibility! },
          spaceId: { label: L.spaceId, id: ids.spaceId! },
          groupId: { label: L.groupId, id: ids.groupId! },
          links: { label: L.linkUrl, id: ids.links! },
          files: { label: L.files, id: ids.files! },
        }}
      />
      <p className="fr-text--sm">{L.required}</p>
      <form onSubmit={submit} noValidate>
        <SelectField id={ids.kind!} label={L.kind} value={form.kind} onChange={set('kind')} error={errors.error('kind')} emptyOption={L.kindEmpty} options={resourceKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
        <TextField id={ids.title!} label={L.title} value={form.title} onChange={set('title')} error={errors.error('title')} maxLength={TITLE_MAX} />
        <TextField id={ids.summary!} label={L.summary} optional textArea rows={3} value={form.summary} onChange={set('summary')} error={errors.error('summary')} maxLength={SUMMARY_MAX} />
        <TextField id={ids.body!} label={L.body} hint={L.bodyHint} optional textArea rows={8} value={form.body} onChange={set('body')} error={errors.error('body')} />
        <div id={ids.themes} tabIndex={-1}>
          <Checkbox
            legend={`${L.themes} (facultatif)`}
            small
            orientation="horizontal"
            state={errors.error('themes') ? 'error' : 'default'}
            stateRelatedMessage={errors.error('themes')}
            options={themeKeys.map((k) => ({ label: themeLabel(k), nativeInputProps: { name: 'themes', value: k, checked: form.themes.includes(k), onChange: (e) => toggleTheme(k, e.target.checked) } }))}
          />
        </div>
        <div className="fr-select-group">
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
            onChange={(e) => setForm((f) => ({ ...f, segments: [...e.target.selectedOptions].map((o) => o.value) }))}
          >
            {cpvDivisionCodes.map((c) => (
              <option key={c} value={c}>
                {segmentLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <TextField id={ids.producer!} label={L.producer} optional value={form.producer} onChange={set('producer')} error={errors.error('producer')} maxLength={200} />
        <TextField id={ids.licence!} label={L.licence} hint={L.licenceHint} optional value={form.licence} onChange={set('licence')} error={errors.error('licence')} maxLength={200} />
        {staff && <TextField id={ids.publishedOn!} label={L.publishedOn} type="date" optional value={form.publishedOn} onChange={set('publishedOn')} error={errors.error('publishedOn')} />}
        <SelectField id={ids.visibility!} label={L.visibility} value={form.visibility} onChange={set('visibility')} error={errors.error('visibility')} options={visibilities.map((v) => ({ value: v, label: libraryLabels.visibilities[v] }))} />
        {form.visibility === 'space' && (
          <SelectField id={ids.spaceId!} label={L.spaceId} value={form.spaceId} onChange={set('spaceId')} error={errors.error('spaceId')} emptyOption={L.chooseEmpty} options={(audiences.data?.spaces ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        )}
        {form.visibility === 'group' && (
          <SelectField id={ids.groupId!} label={L.groupId} value={form.groupId} onChange={set('groupId')} error={errors.error('groupId')} emptyOption={L.chooseEmpty} options={(audiences.data?.groups ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.membersCount})` }))} />
        )}
        <Upload
          className="fr-mb-4w"
          label={`${L.files} (facultatif)`}
          hint={L.filesHint(limits.data?.maxFileMb ?? 20)}
          multiple
          state={errors.error('files') ? 'error' : 'default'}
          stateRelatedMessage={errors.error('files')}
          nativeInputProps={{ id: ids.files, accept: '.pdf,.docx,.xlsx,.odt', onChange: (e: React.ChangeEvent<HTMLInputElement>) => setFiles([...(e.target.files ?? [])]) }}
        />
        <TextField id={ids.links!} label={L.linkLabel} optional value={form.linkLabel} onChange={set('linkLabel')} error={errors.error('links')} maxLength={120} />
        <TextField id="res-link-url" label={L.linkUrl} type="url" optional value={form.linkUrl} onChange={set('linkUrl')} />
        <Button type="submit" disabled={send.isPending}>
          {staff ? L.submitStaff : L.submitMember}
        </Button>
      </form>
    </Page>
  );
}
