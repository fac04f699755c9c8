import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { actorSummary } from '../../server/actors/actors.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { useFormErrors } from '../platform/forms';
import { ActorForm, emptyActor } from './ActorForm';
import { actorsLabels } from './labels';

/** /acteurs/nouvel-acteur: a facilitator adds an actor (with at least one source). */
export function NewActorPage() {
  const navigate = useNavigate();
  const errors = useFormErrors();
  const create = useMutation({
    mutationFn: (input: unknown) => api.post('/api/actors', input, actorSummary),
    onSuccess: (a) => navigate(paths.actor(a.id)),
    onError: (e) => {
      if (!isApiError(e)) return errors.fail(e);
      const fields: Record<string, string> = {};
      for (const [k, m] of Object.entries(e.fields)) fields[k.split('.')[0]!] ??= m;
      errors.show(e.message, fields);
    },
  });
  return (
    <Page title={actorsLabels.form.createTitle} breadcrumb={[{ label: actorsLabels.directory.title, to: paths.actors() }]}>
      <ActorForm idPrefix="actor" initial={emptyActor} errors={errors} submitLabel={actorsLabels.form.create} pending={create.isPending} onSubmit={(input) => create.mutate(input)} onCancel={() => navigate(paths.actors())} />
    </Page>
  );
}
