import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { adminUser, adminUsersQuery, adminUsersResponse, okResponse } from '../../server/accounts/accounts.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api, query } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { formatDate } from '../platform/format';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, pageParam, useFocusOnChange } from '../platform/results';
import { adminLabels as AL } from './labels';

const L = AL.users;
type AdminUser = z.infer<typeof adminUser>;
type Role = AdminUser['role'];
const roles = Object.keys(L.roles) as Role[];

type Feedback = { key: number; message: string; error: boolean };

export function AdminUsersPage() {
  const [sp, setSp] = useSearchParams();
  const urlKey = sp.toString();
  const [form, setForm] = useState({ q: sp.get('q') ?? '', role: sp.get('role') ?? '' });
  useEffect(() => {
    const s = new URLSearchParams(urlKey);
    setForm({ q: s.get('q') ?? '', role: s.get('role') ?? '' });
  }, [urlKey]);
  const page = pageParam(sp.get('page'));
  const parsed = adminUsersQuery.safeParse({ q: sp.get('q') || undefined, role: sp.get('role') || undefined, page });
  const params = parsed.success ? parsed.data : { page };
  const users = useQuery({
    queryKey: ['admin', 'users', params],
    queryFn: () => api.get(`/api/admin/users${query(params)}`, adminUsersResponse),
    placeholderData: keepPreviousData,
  });
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(heading, page);

  const status = users.isPending ? platformLabels.loading : users.data ? L.count(users.data.total) : '';
  return (
    <Page title={L.title} breadcrumb={[{ label: AL.home.title, to: paths.admin() }]}>
      <section aria-labelledby="users-filters" className="fr-mb-4w">
        <h2 id="users-filters" className="fr-h4">
          {L.filtersTitle}
        </h2>
        <form
          role="search"
          aria-labelledby="users-filters"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const next = new URLSearchParams();
            if (form.q.trim()) next.set('q', form.q.trim());
            if (form.role) next.set('role', form.role);
            setSp(next);
          }}
        >
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-8">
              <TextField id="users-q" type="search" label={L.q} optional value={form.q} onChange={(q) => setForm((f) => ({ ...f, q }))} maxLength={100} autoComplete="off" />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <SelectField
                id="users-role"
                label={L.role}
                optional
                value={form.role}
                onChange={(role) => setForm((f) => ({ ...f, role }))}
                emptyOption={L.roleAll}
                options={roles.map((r) => ({ value: r, label: L.roles[r] }))}
              />
            </div>
          </div>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
                {L.submit}
              </Button>
            </li>
            <li>
              <Button type="button" priority="tertiary" onClick={() => setSp(new URLSearchParams())}>
                {L.reset}
              </Button>
            </li>
          </ul>
        </form>
      </section>
      <section aria-labelledby="users-results">
        <h2 id="users-results" ref={heading} tabIndex={-1} className="entraide-focus-target">
          {L.resultsTitle}
        </h2>
        <ResultsStatus text={status} />
        {feedback && <FocusedAlert severity={feedback.error ? 'error' : 'success'} as="h3" title={feedback.message} focusKey={feedback.key} />}
        {users.isError && <FocusedAlert severity="error" as="h3" title={users.error.message} />}
        {users.data && users.data.items.length > 0 && (
          <Table
            caption={L.caption}
            headers={[L.colName, L.colEmail, L.colConfirmed, L.colCreated, L.colState, L.colRole, L.colAction]}
            data={users.data.items.map((u) => [
              `${u.firstName} ${u.lastName}`,
              u.email,
              u.emailVerified ? platformLabels.yes : platformLabels.no,
              formatDate(u.createdAt),
              <Badge key="st" as="span" small severity={u.disabled ? 'error' : 'success'}>
                {u.disabled ? L.disabled : L.active}
              </Badge>,
              <RoleCell key={`r-${u.id}-${u.role}`} user={u} onDone={setFeedback} />,
              <DisableCell key="d" user={u} onDone={setFeedback} />,
            ])}
          />
        )}
        {users.data && <PageLinks page={users.data.page} total={users.data.total} pageSize={users.data.pageSize} />}
      </section>
    </Page>
  );
}

function usePatchUser(user: AdminUser, onDone: (f: Feedback) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { role?: Role; disabled?: boolean }) => api.patch(`/api/admin/users/${user.id}`, body, okResponse),
    onSuccess: (_r, body) => {
      const name = `${user.firstName} ${user.lastName}`;
      const message = body.role ? L.roleChanged(name) : body.disabled ? L.disabledDone(name) : L.enabledDone(name);
      onDone({ key: Date.now(), message, error: false });
      void qc.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (e) => onDone({ key: Date.now(), message: e.message, error: true }),
  });
}

function RoleCell({ user, onDone }: { user: AdminUser; onDone: (f: Feedback) => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const patch = usePatchUser(user, onDone);
  const name = `${user.firstName} ${user.lastName}`;
  const id = `role-${user.id}`;
  return (
    <form
      className="entraide-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (role !== user.role) patch.mutate({ role });
      }}
    >
      <div className="fr-select-group fr-mb-1w">
        <label className="fr-label fr-sr-only" htmlFor={id}>
          {L.roleFor(name)}
        </label>
        <select id={id} className="fr-select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {L.roles[r]}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" size="small" priority="secondary" disabled={patch.isPending || role === user.role}>
        {L.apply}
        <span className="fr-sr-only"> — {name}</span>
      </Button>
    </form>
  );
}

function DisableCell({ user, onDone }: { user: AdminUser; onDone: (f: Feedback) => void }) {
  const patch = usePatchUser(user, onDone);
  const name = `${user.firstName} ${user.lastName}`;
  return (
    <Button size="small" priority={user.disabled ? 'secondary' : 'tertiary'} disabled={patch.isPending} onClick={() => patch.mutate({ disabled: !user.disabled })}>
      {user.disabled ? L.enable : L.disable}
      <span className="fr-sr-only"> — {name}</span>
    </Button>
  );
}
