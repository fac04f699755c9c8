import Button from '@codegouvfr/react-dsfr/Button';
import RadioButtons from '@codegouvfr/react-dsfr/RadioButtons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { preferencesBody, preferencesResponse } from '../../server/notifications/notifications.contract';
import { Loading, Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { notificationsKey } from './api';
import { notificationsLabels } from './labels';

const L = notificationsLabels.preferences;

export function PreferencesPage() {
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: [...notificationsKey, 'preferences'], queryFn: () => api.get('/api/notifications/preferences', preferencesResponse) });
  const [value, setValue] = useState('');
  useEffect(() => {
    if (prefs.data) setValue(prefs.data.emailFrequency);
  }, [prefs.data]);
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: (body: unknown) => api.put('/api/notifications/preferences', body, preferencesResponse),
    onSuccess: (r) => qc.setQueryData([...notificationsKey, 'preferences'], r),
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(preferencesBody, { emailFrequency: value });
    if (body) save.mutate(body);
  };
  return (
    <Page title={L.title} breadcrumb={[{ label: notificationsLabels.centre.title, to: paths.notifications() }]} lead={L.lead}>
      <ErrorSummary feedback={errors.feedback} fields={{ emailFrequency: { label: L.legend, id: 'frequency-0' } }} />
      {save.isSuccess && <FocusedAlert severity="success" title={L.saved} focusKey={save.submittedAt} />}
      {prefs.isPending && <Loading />}
      {prefs.data && (
        <form onSubmit={submit} noValidate>
          <RadioButtons
            id="frequency"
            legend={L.legend}
            name="emailFrequency"
            state={errors.error('emailFrequency') ? 'error' : 'default'}
            stateRelatedMessage={errors.error('emailFrequency')}
            options={prefs.data.options.map((o) => ({
              label: o.label.charAt(0).toUpperCase() + o.label.slice(1),
              hintText: L.hints[o.value],
              nativeInputProps: { value: o.value, checked: value === o.value, onChange: () => setValue(o.value) },
            }))}
          />
          <Button type="submit" disabled={save.isPending}>
            {L.save}
          </Button>
        </form>
      )}
      <p className="fr-mt-4w">
        <Link to={paths.notifications()}>{L.back}</Link>
      </p>
    </Page>
  );
}
