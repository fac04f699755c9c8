import Alert from '@codegouvfr/react-dsfr/Alert';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { FILES_MAX, okResponse, type resourceDetail } from '../../server/library/library.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { useDraft } from '../platform/draft';
import { DraftRestoredNotice, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { useSession } from '../platform/session';
import { libraryKey, useResource, useUploadLimits } from './api';
import { fileKindLabel, formatSize } from './components';
import { libraryLabels } from './labels';
import { ResourceForm, resourceFieldIds, validateResourceForm, type ResourceFormValue } from './ResourceForm';

const L = libraryLabels.edit;
type Detail = z.infer<typeof resourceDetail>;
type EditForm = ResourceFormValue & { removeFileIds: string[] };

/** The edit form starts from the resource as stored (the Markdown source and audience come with `editable`). */
function initialOf(r: Detail): EditForm {
  return {
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    body: r.editable?.body ?? '',
    themes: r.themes,
    segments: r.segments,
    producer: r.producer,
    licence: r.licence,
    publishedOn: r.editable?.publishedOn ?? '',
    visibility: r.visibility,
    spaceId: r.editable?.spaceId ?? '',
    groupId: r.editable?.groupId ?? '',
    links: r.links,
    removeFileIds: [],
  };
}

/** Facilitators edit a resource: the publishing form, filled, plus the files to remove and to add. */
export function EditResourcePage() {
  const { id = '' } = useParams();
  const resource = useResource(id);
  const crumbs = [{ label: libraryLabels.home.title, to: paths.library() }];
  if (resource.isPending) return <PageLoading title={L.loadingTitle} breadcrumb={crumbs} />;
  if (resource.isError || !resource.data.can.edit) {
    const message = resource.isError ? (isApiError(resource.error) && resource.error.status === 404 ? libraryLabels.resource.notFoundText : resource.error.message) : L.notAllowed;
    return (
      <Page title={L.loadingTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={message} />
      </Page>
    );
  }
  return <EditForm resource={resource.data} />;
}

function EditForm({ resource: r }: { resource: Detail }) {
  const { user } = useSession();
  const limits = useUploadLimits();
  // The draft is per resource and per person: nothing typed is lost if the page closes.
  const draft = useDraft<EditForm>(user ? `ressource.modifier.${r.id}.${user.id}` : null, initialOf(r));
  const [files, setFiles] = useState<File[]>([]);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const form = draft.value;
  // A file removed since the draft was saved is simply no longer offered.
  const removeIds = form.removeFileIds.filter((fid) => r.files.some((f) => f.id === fid));

  const save = useMutation({
    mutationFn: (body: FormData) => api.patch(`/api/library/resources/${encodeURIComponent(r.id)}`, body, okResponse),
    onSuccess: async () => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: libraryKey });
      navigate(paths.libraryResource(r.id), { state: { flash: libraryLabels.resource.edited } });
    },
    onError: errors.fail,
  });

  const submit = () => {
    const data = validateResourceForm(errors, form);
    if (!data) return;
    if (r.files.length - removeIds.length + files.length > FILES_MAX) {
      errors.show(platformLabels.invalidFieldsTitle, { files: L.tooManyFiles(FILES_MAX) });
      return;
    }
    const body = new FormData();
    body.append('data', JSON.stringify({ ...data, removeFileIds: removeIds }));
    for (const f of files) body.append('files', f, f.name);
    save.mutate(body);
  };

  const toggleRemove = (fileId: string, on: boolean) =>
    draft.setValue((f) => ({ ...f, removeFileIds: on ? [...f.removeFileIds, fileId] : f.removeFileIds.filter((x) => x !== fileId) }));

  return (
    <Page title={L.title(r.title)} breadcrumb={[{ label: libraryLabels.home.title, to: paths.library() }, { label: r.title, to: paths.libraryResource(r.id) }]} lead={L.lead}>
      <ResourceForm
        value={form}
        onChange={(update) => draft.setValue((f) => ({ ...update(f), removeFileIds: f.removeFileIds }))}
        errors={errors}
        staff
        notice={draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
        summaryExtra={{ files: { label: L.addFiles, id: resourceFieldIds.files }, removeFileIds: { label: L.removeLegend, id: 'res-remove-files' } }}
        submitLabel={L.submit}
        pending={save.isPending}
        onSubmit={submit}
        files={
          <section aria-labelledby="res-files-title" className="fr-mb-4w">
            <h2 id="res-files-title" className="fr-h5">
              {L.filesTitle}
            </h2>
            {r.files.length === 0 ? (
              <p>{L.noFiles}</p>
            ) : (
              <div id="res-remove-files" tabIndex={-1}>
                <Checkbox
                  legend={L.removeLegend}
                  hintText={L.removeHint}
                  small
                  state={errors.error('removeFileIds') ? 'error' : 'default'}
                  stateRelatedMessage={errors.error('removeFileIds')}
                  options={r.files.map((f) => ({
                    label: L.keep(f.fileName),
                    hintText: `${fileKindLabel(f.kind)} — ${formatSize(f.size)}`,
                    nativeInputProps: { name: 'removeFileIds', value: f.id, checked: removeIds.includes(f.id), onChange: (e) => toggleRemove(f.id, e.target.checked) },
                  }))}
                />
              </div>
            )}
            <Upload
              label={`${L.addFiles} (facultatif)`}
              hint={libraryLabels.propose.filesHint(limits.data?.maxFileMb ?? 20)}
              multiple
              state={errors.error('files') ? 'error' : 'default'}
              stateRelatedMessage={errors.error('files')}
              nativeInputProps={{ id: resourceFieldIds.files, accept: '.pdf,.docx,.xlsx,.odt', onChange: (e: React.ChangeEvent<HTMLInputElement>) => setFiles([...(e.target.files ?? [])]) }}
            />
          </section>
        }
      />
      <p className="fr-mt-3w">
        <Link to={paths.libraryResource(r.id)}>{L.cancel}</Link>
      </p>
    </Page>
  );
}
