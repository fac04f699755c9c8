import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import RadioButtons from '@codegouvfr/react-dsfr/RadioButtons';
import ToggleSwitch from '@codegouvfr/react-dsfr/ToggleSwitch';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { changePasswordBody, me as meSchema, okResponse, profileBody, type Me } from '../../server/accounts/accounts.contract';
import { PASSWORD_MIN, themeKeys, themes } from '../../shared/fields';
import { Page } from '../layout/Page';
import { contactLabels } from '../contact/labels';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { PasswordField, SelectField, TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors, DraftRestoredNotice } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { useFreshSession, useSession, useSetMe } from '../platform/session';
import { useTerritories } from '../platform/territories';
import { accountsLabels as L } from './labels';
import { DataRights } from './DataRights';
import { MembershipsTable } from './MembershipBadge';

const F = L.fields;

type ProfileForm = {
  firstName: string;
  lastName: string;
  jobTitle: string;
  regionCode: string;
  themes: string[];
  availableToHelp: boolean;
  directoryVisibility: 'members' | 'hidden';
};

const fromMe = (u: Me): ProfileForm => ({
  firstName: u.firstName,
  lastName: u.lastName,
  jobTitle: u.jobTitle,
  regionCode: u.regionCode ?? '',
  themes: [...u.themes],
  availableToHelp: u.availableToHelp,
  directoryVisibility: u.directoryVisibility,
});

const sameProfile = (a: ProfileForm, b: ProfileForm) =>
  JSON.stringify({ ...a, themes: [...a.themes].sort() }) === JSON.stringify({ ...b, themes: [...b.themes].sort() });

export function ProfilePage() {
  const { user } = useSession();
  useFreshSession();
  if (!user) return null;
  return (
    <Page title={L.profile.title} lead={L.profile.lead}>
      {user.verified && (
        <>
          <p>
            <Link className="fr-btn fr-btn--icon-left fr-icon-team-line" to={paths.findHelp()}>
              {L.profile.findHelp}
            </Link>
          </p>
          <p>
            <Link to={paths.introductions()}>{L.profile.introductions}</Link>
            {' · '}
            <Link to={paths.member(user.id)}>{L.profile.seeAsMembers}</Link>
          </p>
        </>
      )}
      <ProfileForm user={user} />
      <ChangePasswordForm />
      <Memberships user={user} />
      <DataRights />
    </Page>
  );
}

function ProfileForm({ user }: { user: Me }) {
  const setMe = useSetMe();
  const territories = useTerritories();
  const initial = useMemo(() => fromMe(user), [user]);
  const draft = useDraft<ProfileForm>(`${user.id}.profil`, initial, sameProfile);
  const values = draft.value;
  const set = <K extends keyof ProfileForm>(k: K, v: ProfileForm[K]) => draft.setValue((s) => ({ ...s, [k]: v }));
  const errors = useFormErrors();
  const [savedAt, setSavedAt] = useState(0);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.put('/api/me/profile', body, meSchema),
    onSuccess: (me) => {
      draft.clearDraft();
      setMe(me);
      setSavedAt(Date.now());
    },
    onError: errors.fail,
  });
  const fields = {
    firstName: { label: F.firstName, id: 'profile-firstName' },
    lastName: { label: F.lastName, id: 'profile-lastName' },
    jobTitle: { label: F.jobTitle, id: 'profile-jobTitle' },
    regionCode: { label: F.region, id: 'profile-regionCode' },
    themes: { label: F.themes, id: 'profile-themes-0' },
    availableToHelp: { label: F.available, id: 'profile-available-input' },
    directoryVisibility: { label: F.visibility, id: 'profile-visibility-0' },
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSavedAt(0);
    const body = errors.validate(profileBody, { ...values, regionCode: values.regionCode || null });
    if (body) mutation.mutate(body);
  };
  const toggleTheme = (key: string, checked: boolean) =>
    set('themes', checked ? [...values.themes.filter((t) => t !== key), key] : values.themes.filter((t) => t !== key));

  return (
    <section aria-labelledby="profile-identity" className="fr-mb-6w">
      <h2 id="profile-identity">{L.profile.identityTitle}</h2>
      <p>
        {L.profile.emailLabel} <strong>{user.email}</strong>
        <br />
        <span className="fr-hint-text">
          {L.profile.emailNote} <Link to={paths.contact(contactLabels.subjects.changeEmail)}>{contactLabels.linkText}</Link>.
        </span>
      </p>
      <p>
        {L.profile.role} {L.profile.roles[user.role]}
      </p>
      {draft.restored && (
        <DraftRestoredNotice onDiscard={draft.discard} />
      )}
      {savedAt > 0 && <FocusedAlert severity="success" as="h3" title={L.profile.saved} focusKey={savedAt} />}
      <ErrorSummary feedback={errors.feedback} fields={fields} as="h3" />
      <div className="fr-grid-row">
        <form className="fr-col-12 fr-col-md-10 fr-col-lg-8" onSubmit={submit} noValidate>
          <p className="fr-hint-text">{platformLabels.required}</p>
          <TextField id={fields.firstName.id} label={F.firstName} value={values.firstName} onChange={(v) => set('firstName', v)} error={errors.error('firstName')} autoComplete="given-name" />
          <TextField id={fields.lastName.id} label={F.lastName} value={values.lastName} onChange={(v) => set('lastName', v)} error={errors.error('lastName')} autoComplete="family-name" />
          <TextField id={fields.jobTitle.id} label={F.jobTitle} hint={F.jobTitleHint} optional value={values.jobTitle} onChange={(v) => set('jobTitle', v)} error={errors.error('jobTitle')} autoComplete="organization-title" maxLength={120} />
          <SelectField
            id={fields.regionCode.id}
            label={F.region}
            optional
            value={values.regionCode}
            onChange={(v) => set('regionCode', v)}
            error={errors.error('regionCode')}
            emptyOption={F.regionNone}
            options={territories.regions.map((r) => ({ value: r.code, label: r.name }))}
          />
          <Checkbox
            id="profile-themes"
            legend={`${F.themes} ${platformLabels.optional}`}
            hintText={F.themesHint}
            {...(errors.error('themes') ? ({ state: 'error', stateRelatedMessage: errors.error('themes') } as const) : {})}
            options={themeKeys.map((key) => ({
              label: themes[key],
              nativeInputProps: { name: 'themes', value: key, checked: values.themes.includes(key), onChange: (e) => toggleTheme(key, e.target.checked) },
            }))}
          />
          <ToggleSwitch
            id="profile-available"
            className="fr-mb-4w"
            label={F.available}
            helperText={F.availableHint}
            checked={values.availableToHelp}
            onChange={(checked) => set('availableToHelp', checked)}
            labelPosition="left"
            showCheckedHint
          />
          <RadioButtons
            id="profile-visibility"
            name="directoryVisibility"
            legend={F.visibility}
            hintText={F.visibilityHint}
            {...(errors.error('directoryVisibility') ? ({ state: 'error', stateRelatedMessage: errors.error('directoryVisibility') } as const) : {})}
            options={[
              { label: F.visibilityMembers, nativeInputProps: { value: 'members', checked: values.directoryVisibility === 'members', onChange: () => set('directoryVisibility', 'members') } },
              { label: F.visibilityHidden, nativeInputProps: { value: 'hidden', checked: values.directoryVisibility === 'hidden', onChange: () => set('directoryVisibility', 'hidden') } },
            ]}
          />
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? L.profile.saving : L.profile.save}
          </Button>
        </form>
      </div>
    </section>
  );
}

function ChangePasswordForm() {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/me/password', body, okResponse),
    onSuccess: () => setValues({ currentPassword: '', newPassword: '' }),
    onError: errors.fail,
  });
  const fields = {
    currentPassword: { label: F.currentPassword, id: 'password-current' },
    newPassword: { label: F.newPassword, id: 'password-new' },
  };
  return (
    <section aria-labelledby="profile-password" className="fr-mb-6w">
      <h2 id="profile-password">{L.profile.passwordTitle}</h2>
      <p>{L.profile.passwordLead}</p>
      {mutation.isSuccess && <FocusedAlert severity="success" as="h3" title={mutation.data.message ?? L.profile.passwordTitle} focusKey={mutation.submittedAt} />}
      <ErrorSummary feedback={errors.feedback} fields={fields} as="h3" />
      <div className="fr-grid-row">
        <form
          className="fr-col-12 fr-col-md-8 fr-col-lg-6"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            mutation.reset();
            const body = errors.validate(changePasswordBody, values);
            if (body) mutation.mutate(body);
          }}
        >
          <PasswordField id={fields.currentPassword.id} label={F.currentPassword} value={values.currentPassword} onChange={(v) => setValues((s) => ({ ...s, currentPassword: v }))} error={errors.error('currentPassword')} autoComplete="current-password" />
          <PasswordField
            id={fields.newPassword.id}
            label={F.newPassword}
            value={values.newPassword}
            onChange={(v) => setValues((s) => ({ ...s, newPassword: v }))}
            error={errors.error('newPassword')}
            autoComplete="new-password"
            rule={{ text: F.passwordRule, ok: values.newPassword.length >= PASSWORD_MIN }}
          />
          <Button type="submit" priority="secondary" disabled={mutation.isPending} className="fr-mt-2w">
            {L.profile.passwordSubmit}
          </Button>
        </form>
      </div>
    </section>
  );
}

function Memberships({ user }: { user: Me }) {
  return (
    <section aria-labelledby="profile-memberships" className="fr-mb-6w">
      <h2 id="profile-memberships">{L.profile.membershipsTitle}</h2>
      {user.memberships.length === 0 ? (
        <p>{L.profile.membershipsEmpty}</p>
      ) : (
        <MembershipsTable memberships={user.memberships} caption={L.profile.membershipsCaption} />
      )}
      <Link className="fr-btn fr-btn--secondary" to={paths.myOrganisation()}>
        {L.profile.membershipsAction}
      </Link>
    </section>
  );
}
