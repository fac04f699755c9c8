import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { newCourseInput } from '../../server/learning/learning.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { DraftRestoredNotice, ErrorSummary, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { learningApi, learningKey } from './api';
import { learningLabels } from './labels';

const L = learningLabels.editor;
type Form = { title: string; summary: string };
const ids = { title: 'course-new-title', summary: 'course-new-summary' } as const;

/** /formations/nouvelle (staff): a title and a presentation create the draft, then its editor opens. */
export function CourseNewPage() {
  const { user } = useSession();
  const draft = useDraft<Form>(user ? `formation.nouvelle.${user.id}` : null, { title: '', summary: '' });
  const form = draft.value;
  const set = (k: keyof Form) => (v: string) => draft.setValue((f) => ({ ...f, [k]: v }));
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (input: Form) => learningApi.createCourse(input) as Promise<{ slug: string }>,
    onSuccess: async ({ slug }) => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: learningKey });
      navigate(paths.courseEdit(slug), { state: { flash: L.created } });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = errors.validate(newCourseInput, form);
    if (parsed) create.mutate(parsed);
  };
  return (
    <Page title={L.newTitle} breadcrumb={[{ label: learningLabels.catalogue.title, to: paths.courses() }]} lead={L.newLead}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{
          title: { label: L.titleField, id: ids.title },
          summary: { label: L.summaryField, id: ids.summary },
        }}
      />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <form onSubmit={submit} noValidate>
        <TextField id={ids.title} label={L.titleField} value={form.title} onChange={set('title')} error={errors.error('title')} maxLength={200} />
        <TextField id={ids.summary} label={L.summaryField} textArea rows={5} value={form.summary} onChange={set('summary')} error={errors.error('summary')} maxLength={2000} />
        <Button type="submit" disabled={create.isPending}>
          {L.create}
        </Button>
      </form>
    </Page>
  );
}
