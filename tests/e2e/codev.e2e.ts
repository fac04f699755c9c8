import { expect, test } from './platform.js';
import { apiLogin, call, expectAccessible, parisIn, signedIn, waitForMail } from './support.js';

// Co-development in the browser: the facilitator forms a group (suggestion) and plans a session;
// two participants, in two pages at once, write notes in the same step and each sees the other's
// text appear, nothing lost after a reload; the facilitator leads the six steps and ends the
// session; the clock moves to the next morning and the summary sheet e-mail arrives. Axe on each page.
const STAFF = 'animation@entraide.example';
const CLAIRE = 'claire.martin@lyon.example';
const YANN = 'yann.le-goff@rennes.example';
// Not Marc Rossi: the accounts journey resets his password.
const OTHERS = ['sophie.durand@nantes.example', 'aurelie.roux@grenoble.example', 'nathalie.petit@bordeaux.example'];

test('two participants write at once, six steps, the sheet arrives the next morning', async ({ browser }) => {
  test.setTimeout(480_000);
  const staff = await (await browser.newContext()).newPage();
  await signedIn(staff, STAFF);
  const cohortName = `Mission SPASER e2e ${Date.now()}`;
  const cohort = await call(staff, 'POST', '/api/cohorts', { name: cohortName, edition: 9, startsOn: '2026-09-01', endsOn: '2027-06-30', capacity: 30 });
  const claire = await apiLogin(browser, CLAIRE);
  const yann = await apiLogin(browser, YANN);
  const people = [claire, yann];
  for (const email of OTHERS) people.push(await apiLogin(browser, email));
  for (const p of people) await call(staff, 'PUT', `/api/cohorts/${cohort.id}/members/${p.id}`, { role: 'participant', organisationId: p.organisationId });

  // Group formation: the suggestion (5 participants → one group), saved.
  await staff.goto(`/promotions/${cohort.id}/codeveloppement`);
  await expect(staff.getByRole('heading', { level: 1, name: /^Codéveloppement — Mission SPASER e2e/ })).toBeVisible();
  await staff.getByRole('button', { name: 'Proposer des groupes' }).click();
  await expect(staff.getByRole('heading', { name: 'Proposition prête : vérifiez-la, modifiez-la si besoin, puis enregistrez.' })).toBeVisible();
  await expect(staff.getByLabel('Groupe de Claire Martin')).toHaveValue('0');
  await expectAccessible(staff, 'formation des groupes');
  await staff.getByRole('button', { name: 'Enregistrer les groupes' }).click();
  await expect(staff.getByRole('heading', { name: 'Les groupes sont enregistrés.' })).toBeVisible();

  // Planning a session: bad input first, then Claire as the client.
  await staff.getByText('Planifier une séance pour Groupe 1').click();
  await staff.getByRole('button', { name: 'Planifier la séance' }).click();
  await expect(staff.getByText('Saisissez le sujet de la séance (3 caractères au moins).').first()).toBeVisible();
  const subject = 'Faire vivre le SPASER auprès des élus';
  await staff.getByLabel('Sujet de la séance').fill(subject);
  await staff.getByLabel('Client (porteur du sujet)').selectOption({ label: 'Claire Martin' });
  // Its agenda entry, with the event form's fields: an end before the start is refused, per field.
  await staff.getByLabel('Début (heure de Paris)').fill(parisIn(120));
  await staff.getByLabel('Fin (heure de Paris)').fill(parisIn(60));
  await staff.getByLabel('Lieu').fill('Salle du conseil, Lyon');
  await staff.getByRole('button', { name: 'Planifier la séance' }).click();
  await expect(staff.getByText("La fin de l'événement doit être après son début.").first()).toBeVisible();
  // Nothing typed is lost: after a reload the plan opens by itself with its draft.
  await staff.reload();
  await expect(staff.getByText('Brouillon restauré')).toBeVisible();
  await expect(staff.getByLabel('Sujet de la séance')).toHaveValue(subject);
  await expect(staff.getByLabel('Lieu')).toHaveValue('Salle du conseil, Lyon');
  await staff.getByLabel('Fin (heure de Paris)').fill(parisIn(210));
  await expectAccessible(staff, 'planifier une séance');
  await staff.getByRole('button', { name: 'Planifier la séance' }).click();
  await staff.getByRole('link', { name: 'Voir la séance' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: `Séance : ${subject}` })).toBeVisible();
  // Issue 13, item 9: the session sits under Promotions › the cohort › Codéveloppement.
  const crumbs = staff.locator('.fr-breadcrumb');
  await expect(crumbs.getByRole('link', { name: 'Promotions' })).toHaveAttribute('href', '/promotions');
  await expect(crumbs.getByRole('link', { name: cohortName, exact: true })).toHaveAttribute('href', `/promotions/${cohort.id}`);
  await expect(crumbs.getByRole('link', { name: 'Codéveloppement' })).toHaveAttribute('href', `/promotions/${cohort.id}/codeveloppement`);
  const sessionId = new URL(staff.url()).pathname.split('/').pop()!;
  await expect(staff.getByText('Salle du conseil, Lyon')).toBeVisible();
  await expect(staff.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' })).toBeVisible();
  await expectAccessible(staff, 'page de séance');

  // The session is an event of the agenda: in Claire's cohort schedule and in her agenda.
  const eventTitle = `Codéveloppement — Groupe 1 : ${subject}`;
  await claire.page.goto(`/promotions/${cohort.id}`);
  await expect(claire.page.getByText(eventTitle).first()).toBeVisible();
  await expectAccessible(claire.page, 'programme de la promotion (séance de codéveloppement)');
  await claire.page.goto('/agenda');
  await expect(claire.page.getByRole('link', { name: eventTitle })).toBeVisible();
  await claire.page.getByRole('link', { name: eventTitle }).click();
  await expect(claire.page.getByRole('heading', { level: 1, name: eventTitle })).toBeVisible();
  await expectAccessible(claire.page, 'séance de codéveloppement dans l’agenda');
  await staff.goto(`/codeveloppement/seances/${sessionId}`);
  await staff.getByRole('link', { name: "Ouvrir l'écran de codéveloppement" }).click();
  await staff.getByRole('button', { name: 'Démarrer la séance' }).click();
  await expect(staff.getByRole('heading', { name: 'Étape 1 sur 6 : Exposé du sujet' })).toBeVisible();
  await expect(staff.getByRole('timer')).toHaveText(/Temps restant : (10 min 00 s|9 min \d\d s)/);

  // Two participants, two pages at once, the same step.
  const screen = `/codeveloppement/seances/${sessionId}/ecran`;
  await Promise.all([claire.page.goto(screen), yann.page.goto(screen)]);
  for (const p of [claire.page, yann.page]) await expect(p.getByRole('heading', { name: 'Étape 1 sur 6 : Exposé du sujet' })).toBeVisible();
  await expectAccessible(claire.page, 'écran de codéveloppement');
  const claireText = 'Notre SPASER est voté mais les élus ne suivent pas sa mise en œuvre.';
  const yannText = 'Je note : le comité de pilotage ne se réunit qu’une fois par an.';
  await Promise.all([
    claire.page.getByLabel('Ma note — Exposé du sujet').pressSequentially(claireText, { delay: 15 }),
    yann.page.getByLabel('Ma note — Exposé du sujet').pressSequentially(yannText, { delay: 15 }),
  ]);
  await expect(yann.page.getByText(claireText)).toBeVisible();
  await expect(claire.page.getByText(yannText)).toBeVisible();
  await expect(staff.getByText(claireText)).toBeVisible();
  await expect(staff.getByText(yannText)).toBeVisible();
  // Nothing lost: after a reload each finds their own text and the other's.
  await Promise.all([claire.page.reload(), yann.page.reload()]);
  await expect(claire.page.getByLabel('Ma note — Exposé du sujet')).toHaveValue(claireText);
  await expect(claire.page.getByText(yannText)).toBeVisible();
  await expect(yann.page.getByLabel('Ma note — Exposé du sujet')).toHaveValue(yannText);
  await expect(yann.page.getByText(claireText)).toBeVisible();

  // The facilitator leads the steps; every screen follows.
  const labels = ['Questions de clarification', 'Contrat', 'Consultation', "Plan d'action", 'Apprentissages'];
  for (const [i, label] of labels.entries()) {
    await staff.getByRole('button', { name: 'Étape suivante' }).click();
    await expect(staff.getByRole('heading', { name: `Étape ${i + 2} sur 6 : ${label}` })).toBeVisible();
    await expect(claire.page.getByRole('heading', { name: `Étape ${i + 2} sur 6 : ${label}` })).toBeVisible();
    if (label === 'Contrat') {
      await claire.page.getByLabel('Ma note — Contrat').fill('Comment impliquer les élus dans le suivi du SPASER ?');
      await expect(yann.page.getByText('Comment impliquer les élus dans le suivi du SPASER ?')).toBeVisible();
    }
  }
  await claire.page.getByLabel('Ce que j’ai appris (sur le fond et sur la démarche)').fill('Formuler une demande précise au groupe.');
  await expect(yann.page.getByText('Formuler une demande précise au groupe.')).toBeVisible();
  await expect(claire.page.getByText('Enregistré.')).toBeVisible();
  await staff.getByRole('button', { name: 'Terminer la séance' }).click();
  await expect(claire.page.getByText('La séance est terminée. Merci à toutes et à tous !')).toBeVisible();

  // The next morning at 9:00 Paris (moved clock): the sheet is e-mailed.
  const due = (await call(staff, 'GET', `/api/codev/sessions/${sessionId}`)).summaryDueAt as string;
  expect(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(due))).toBe('09:00');
  await staff.goto(`/codeveloppement/seances/${sessionId}/fiche`);
  await expect(staff.getByText(/Envoi par e-mail prévu le/)).toBeVisible();
  await expectAccessible(staff, 'fiche récapitulative');
  await call(staff, 'POST', '/api/test/clock', { set: new Date(Date.parse(due) + 1000).toISOString() });
  try {
    // The demo's Groupe A session sends Claire a sheet too: this session's, by its subject.
    const sheetSubject = new RegExp(`Fiche récapitulative de votre séance de codéveloppement : ${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const mail = await waitForMail(CLAIRE, sheetSubject);
    expect(mail.text).toContain('Comment impliquer les élus dans le suivi du SPASER ?');
    expect(mail.text).toContain(claireText);
    await waitForMail(YANN, sheetSubject);
    // Claire reads the sheet from the link, in a fresh login: whether her session outlived the night
    // depends on the hour the journey runs, and the login page only shows its form to a visitor.
    const morning = await apiLogin(browser, CLAIRE);
    await morning.page.goto(`/codeveloppement/seances/${sessionId}/fiche`);
    await expect(morning.page.getByRole('heading', { level: 1, name: `Fiche récapitulative : ${subject}` })).toBeVisible();
    await expect(morning.page.getByText('Comment impliquer les élus dans le suivi du SPASER ?')).toBeVisible();
    // The sheet goes to each participant by its own job: the page counts them as they leave.
    await expect(async () => {
      await morning.page.reload();
      await expect(morning.page.getByText(/Envoyée à 6 participants sur 6/)).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expectAccessible(morning.page, 'fiche récapitulative (participante)');
  } finally {
    // Later journeys run at the real time again.
    const token = (await staff.context().cookies()).find((c) => c.name === 'entraide_csrf')?.value ?? '';
    await staff.request.post('/api/test/clock', { data: { set: new Date().toISOString() }, headers: { 'x-csrf-token': token } });
  }
});
