import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { createdResponse } from '../../server/library/library.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { DraftRestoredNotice, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { libraryKey, useUploadLimits } from './api';
import { libraryLabels } from './labels';
import { emptyResourceForm, ResourceForm, resourceFieldIds, validateResourceForm, type ResourceFormValue } from './ResourceForm';

const L = libraryLabels.propose;

/** Facilitators publish here; verified members propose (a facilitator reviews). One form, one upload. */
export function ProposePage() {
  const session = useSession();
  const staff = session.isStaff;
  const limits = useUploadLimits();
  // Saved in this browser at each keystroke (files excepted: a browser cannot keep them).
  const draft = useDraft<ResourceFormValue>(session.user ? `ressource.${session.user.id}` : null, emptyResourceForm);
  const [files, setFiles] = useState<File[]>([]);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();

  const send = useMutation({
    mutationFn: (data: FormData) => api.post(staff ? '/api/library/resources' : '/api/library/proposals', data, createdResponse),
    onSuccess: async (r) => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: libraryKey });
      navigate(paths.libraryResource(r.id), staff ? undefined : { state: { flash: L.sent } });
    },
    onError: errors.fail,
  });

  const submit = () => {
    const data = validateResourceForm(errors, draft.value);
    if (!data) return;
    const body = new FormData();
    body.append('data', JSON.stringify(data));
    for (const f of files) body.append('files', f, f.name);
    send.mutate(body);
  };

  return (
    <Page title={staff ? L.titleStaff : L.titleMember} breadcrumb={[{ label: libraryLabels.home.title, to: paths.library() }]} lead={staff ? L.leadStaff : L.leadMember}>
      <ResourceForm
        value={draft.value}
        onChange={draft.setValue}
        errors={errors}
        staff={staff}
        notice={draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
        summaryExtra={{ files: { label: L.files, id: resourceFieldIds.files } }}
        submitLabel={staff ? L.submitStaff : L.submitMember}
        pending={send.isPending}
        onSubmit={submit}
        files={
          <Upload
            className="fr-mb-4w"
            label={`${L.files} (facultatif)`}
            hint={L.filesHint(limits.data?.maxFileMb ?? 20)}
            multiple
            state={errors.error('files') ? 'error' : 'default'}
            stateRelatedMessage={errors.error('files')}
            nativeInputProps={{ id: resourceFieldIds.files, accept: '.pdf,.docx,.xlsx,.odt', onChange: (e: React.ChangeEvent<HTMLInputElement>) => setFiles([...(e.target.files ?? [])]) }}
          />
        }
      />
    </Page>
  );
}
