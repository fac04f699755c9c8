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

/** One rhythm per category of news (the categories come from the server: modules register them). */
export function PreferencesPage() {
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: [...notificationsKey, 'preferences'], queryFn: () => api.get('/api/notifications/preferences', preferencesResponse) });
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    if (prefs.data) setValues(Object.fromEntries(prefs.data.categories.map((c) => [c.id, c.emailFrequency])));
  }, [prefs.data]);
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: (body: unknown) => api.put('/api/notifications/preferences', body, preferencesResponse),
    onSuccess: (r) => qc.setQueryData([...notificationsKey, 'preferences'], r),
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(preferencesBody, { categories: values });
    if (body) save.mutate(body);
  };
  const fields = Object.fromEntries((prefs.data?.categories ?? []).map((c) => [`categories.${c.id}`, { label: L.categoryLegend(c.label), id: `frequency-${c.id}-0` }]));
  return (
    <Page title={L.title} breadcrumb={[{ label: notificationsLabels.centre.title, to: paths.notifications() }]} lead={L.lead}>
      <ErrorSummary feedback={errors.feedback} fields={fields} />
      {save.isSuccess && <FocusedAlert severity="success" title={L.saved} focusKey={save.submittedAt} />}
      {prefs.isPending && <Loading />}
      {prefs.data && (
        <form onSubmit={submit} noValidate>
          {prefs.data.categories.map((c) => (
            <RadioButtons
              key={c.id}
              id={`frequency-${c.id}`}
              legend={L.categoryLegend(c.label)}
              hintText={c.description}
              name={`frequency-${c.id}`}
              state={errors.error(`categories.${c.id}`) ? 'error' : 'default'}
              stateRelatedMessage={errors.error(`categories.${c.id}`)}
              options={prefs.data!.options.map((o) => ({
                label: o.label.charAt(0).toUpperCase() + o.label.slice(1),
                hintText: L.hints[o.value],
                nativeInputProps: { value: o.value, checked: values[c.id] === o.value, onChange: () => setValues((v) => ({ ...v, [c.id]: o.value })) },
              }))}
            />
          ))}
          <p className="fr-text--sm">{L.transactional}</p>
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
