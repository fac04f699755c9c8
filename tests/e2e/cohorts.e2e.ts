import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { apiLogin, call, expectAccessible, parisIn, setClock, signedIn, waitForMail } from './support.js';

// A whole cohort in the browser (issue « Promotions », Must show): a facilitator creates the cohort
// on its page (bad input, draft kept over a reload, a sponsor found in the directory, another from the
// suggestions once participants are in) → a buyer
// applies (draft kept over a reload) → the facilitator accepts (the e-mail arrives) and moves the cohort to « en cours » → the
// private space appears for the buyer → the start questionnaire (builder) is answered, its draft
// kept over a reload, then its wording fixed after the answer → a co-development session through
// the six steps → the summary sheet e-mail arrives the next morning (moved clock) → the end
// questionnaire is answered by four of the five participants → the results page shows the two
// headline figures, worked out by hand below. Every page visited passes axe.
// Not Marc Rossi: the accounts journey resets his password.
const FACILITATOR = 'animation@entraide.example';
const BUYER = 'julien.bernard@lille.example';
const OTHERS = ['claire.martin@lyon.example', 'sophie.durand@nantes.example', 'aurelie.roux@grenoble.example', 'nathalie.petit@bordeaux.example'];
const COHORT = 'Mission SPASER — parcours complet';
const Q_ABLE = 'Vous sentez-vous plus capable de déployer un SPASER ?';
const Q_PUBLISH = 'Prévoyez-vous de publier un SPASER dans les six mois ?';
const PUBLISH_OPTIONS = ['Oui', 'Non', 'Je ne sais pas'];

const group = (page: Page, label: string) => page.getByRole('group', { name: new RegExp(label.replace(/[?]/g, '\\?')) });

/** The buyer answers a questionnaire from the cohort page: bad input first, then a scale value and a choice. */
async function answerSurvey(page: Page, cohortPath: string, title: string, scale: string, publish: string) {
  await page.goto(cohortPath);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByText('Répondez à cette question.').first()).toBeVisible();
  await expectAccessible(page, `questionnaire ${title}, erreurs`);
  await group(page, Q_ABLE).getByText(scale, { exact: true }).click();
  // The answers are a draft in the browser: a reload loses nothing.
  await page.reload();
  await expect(page.getByText('Brouillon restauré')).toBeVisible();
  await expect(group(page, Q_ABLE).getByLabel(scale, { exact: true })).toBeChecked();
  await group(page, Q_PUBLISH).getByText(publish, { exact: true }).click();
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByRole('heading', { name: /Merci, vos réponses sont enregistrées/ })).toBeVisible();
  await expectAccessible(page, `questionnaire ${title}, envoyé`);
}

test('a whole cohort: created, applied, accepted, private space, co-development, next-morning sheet, surveys, headline figures', async ({ page, browser }) => {
  test.setTimeout(420_000);

  // 1. The facilitator creates the cohort on its page.
  const fac = await (await browser.newContext()).newPage();
  await signedIn(fac, FACILITATOR);
  await fac.goto('/promotions');
  await fac.getByRole('link', { name: 'Créer une promotion' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Nouvelle promotion' })).toBeVisible();
  await fac.getByLabel('Capacité (nombre de participants)').fill('');
  await fac.getByRole('button', { name: 'Créer la promotion' }).click();
  await expect(fac.getByText('Saisissez le nom de la promotion.').first()).toBeVisible();
  await expect(fac.getByText('Saisissez la capacité.').first()).toBeVisible();
  await expectAccessible(fac, 'nouvelle promotion, erreurs');
  await fac.getByLabel('Nom de la promotion').fill(COHORT);
  await fac.reload();
  await expect(fac.getByText('Brouillon restauré')).toBeVisible();
  await expect(fac.getByLabel('Nom de la promotion')).toHaveValue(COHORT);
  await fac.getByLabel("Numéro d'édition").fill('7');
  await fac.getByLabel('Date de début').fill('2026-12-01');
  await fac.getByLabel('Date de fin').fill('2026-11-01');
  await fac.getByLabel('Capacité (nombre de participants)').fill('5');
  await fac.getByLabel(/^Description/).fill('Trois mois pour **adopter** son SPASER.');
  await fac.getByLabel('Rechercher un membre (parrains et marraines)').fill('Le Goff');
  await fac.getByLabel('Rechercher un membre (parrains et marraines)').press('Enter');
  await fac.getByRole('button', { name: 'Ajouter Yann Le Goff (Parrains et marraines)' }).click();
  await expect(fac.getByRole('button', { name: 'Retirer Yann Le Goff (Parrains et marraines)' })).toBeVisible();
  await expectAccessible(fac, 'nouvelle promotion');
  // The server's own check: the end before the start.
  await fac.getByRole('button', { name: 'Créer la promotion' }).click();
  await expect(fac.getByText('La date de fin doit suivre la date de début.').first()).toBeVisible();
  await fac.getByLabel('Date de fin').fill('2027-03-31');
  await fac.getByRole('button', { name: 'Créer la promotion' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: COHORT })).toBeVisible();
  await expect(fac.getByText('La promotion est créée, avec son espace d’entraide privé.')).toBeVisible();
  await expect(fac.locator('.entraide-post strong')).toHaveText('adopter');
  await expect(fac.getByText('Parrainage : Yann Le Goff')).toBeVisible();
  const cohortPath = new URL(fac.url()).pathname;
  const cohortId = cohortPath.split('/').pop()!;
  await expectAccessible(fac, 'promotion créée');

  // 2. The buyer applies.
  await signedIn(page, BUYER);
  await page.goto('/promotions');
  await page.getByRole('link', { name: COHORT }).click();
  await expect(page.getByRole('heading', { level: 1, name: COHORT })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Modifier la promotion' })).toHaveCount(0);
  await expectAccessible(page, 'promotion (partie publique)');
  await page.getByRole('link', { name: 'Candidater' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Candidater à la promotion ${COHORT}` })).toBeVisible();
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await expect(page.getByText('Choisissez où en est le SPASER de votre organisation.').first()).toBeVisible();
  await page.getByLabel('Ce que vous attendez de la promotion').fill('Écrire notre premier SPASER avec des pairs.');
  await page.reload();
  await expect(page.getByText('Brouillon restauré')).toBeVisible();
  await expect(page.getByLabel('Ce que vous attendez de la promotion')).toHaveValue('Écrire notre premier SPASER avec des pairs.');
  await page.getByLabel('Où en est le SPASER de votre organisation ?').selectOption('reflexion');
  await page.getByLabel('Vos disponibilités').fill('Les mardis après-midi.');
  await expectAccessible(page, 'candidature');
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ma candidature' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Espace des membres' })).toHaveCount(0);

  // 3. The facilitator accepts; the e-mail arrives; the cohort starts.
  await fac.getByRole('link', { name: 'Examiner les candidatures' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: `Candidatures — ${COHORT}` })).toBeVisible();
  await expectAccessible(fac, 'candidatures');
  const card = fac.locator('section', { has: fac.getByRole('heading', { name: /Julien Bernard/ }) });
  await card.getByText('Accepter', { exact: true }).click();
  await card.getByLabel('Message envoyé par e-mail').fill('Bienvenue Julien, à bientôt au décollage !');
  await card.getByRole('button', { name: 'Envoyer la décision' }).click();
  await expect(card.getByText('Acceptée')).toBeVisible();
  const mail = await waitForMail(BUYER, new RegExp(`Votre candidature est acceptée — ${COHORT}`));
  expect(mail.text).toContain('Bienvenue Julien, à bientôt au décollage !');
  // The four other participants join through the API (the journey is about one applicant).
  const others = [];
  for (const email of OTHERS) others.push(await apiLogin(browser, email));
  for (const p of others) await call(fac, 'PUT', `/api/cohorts/${cohortId}/members/${p.id}`, { role: 'participant', organisationId: p.organisationId });
  await fac.goto(cohortPath);
  await fac.getByRole('link', { name: 'Modifier la promotion' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: `Modifier la promotion ${COHORT}` })).toBeVisible();
  // Only the legal moves are offered: from « Candidatures ouvertes », « En cours ».
  await expect(fac.getByLabel('Statut').locator('option')).toHaveText(['Candidatures ouvertes (statut actuel)', 'En cours']);
  await fac.getByLabel('Statut').selectOption('en_cours');
  // Issue 20, item 6: sponsors suggested for the five participants' organisations, each with its
  // reason; « Ajouter » puts the first among the chosen sponsors, saved with the form.
  const suggestions = fac.getByRole('list', { name: 'Parrains et marraines suggérés' });
  await expect(fac.getByText(/classés pour les 5 organisations participantes/)).toBeVisible();
  const first = suggestions.getByRole('listitem').first();
  await expect(first).toContainText('Pourquoi :');
  await expect(first).toContainText(/SPASER (publié|adopté)/);
  const suggested = (await first.getByRole('link').textContent())!.trim();
  await first.getByRole('button', { name: `Ajouter ${suggested} aux parrains et marraines` }).click();
  await expect(fac.getByRole('button', { name: `Retirer ${suggested} (Parrains et marraines)` })).toBeVisible();
  await expect(suggestions.getByRole('link', { name: suggested })).toHaveCount(0);
  await expectAccessible(fac, 'modifier la promotion');
  await fac.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(fac.getByText('Modifications enregistrées.')).toBeVisible();
  await expect(fac.getByText(suggested).first()).toBeVisible();
  await expect(fac.getByText('En cours', { exact: true }).first()).toBeVisible();
  await expect(fac.getByText('5 participants sur 5 places')).toBeVisible();

  // 4. The private space appears for the buyer.
  await page.goto(cohortPath);
  await expect(page.getByRole('heading', { level: 2, name: 'Espace des membres' })).toBeVisible();
  await expectAccessible(page, 'promotion (membres)');
  await page.getByRole('link', { name: "Ouvrir l'espace d'entraide privé" }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Promotion ${COHORT}` })).toBeVisible();
  await expectAccessible(page, 'espace privé de la promotion');

  // 5. The start questionnaire, built on its page, answered before the sessions.
  await fac.goto(cohortPath);
  await fac.getByRole('link', { name: 'Créer un questionnaire' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Nouveau questionnaire' })).toBeVisible();
  await fac.getByLabel('Étape').selectOption('start');
  await fac.getByLabel('Titre du questionnaire').fill('Questionnaire de décollage');
  await fac.getByLabel('Ouverture (heure de Paris)').fill(parisIn(-60));
  await fac.getByLabel('Clôture (heure de Paris)').fill(parisIn(7 * 24 * 60));
  await fac.getByLabel('Intitulé de la question 1').fill(Q_PUBLISH);
  await fac.getByLabel('Choix de la question 1').fill(PUBLISH_OPTIONS.join('\n'));
  await fac.getByRole('button', { name: 'Ajouter une question' }).click();
  await fac.getByLabel('Type de la question 2').selectOption('scale');
  await fac.getByLabel('Intitulé de la question 2').fill(Q_ABLE);
  // The scale question goes first.
  await fac.getByRole('button', { name: 'Monter la question 2' }).click();
  await expect(fac.getByLabel('Intitulé de la question 1')).toHaveValue(Q_ABLE);
  await expectAccessible(fac, 'nouveau questionnaire');
  await fac.getByRole('button', { name: 'Créer le questionnaire' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Questionnaire de décollage' })).toBeVisible();
  const startPath = new URL(fac.url()).pathname;
  await answerSurvey(page, cohortPath, 'Questionnaire de décollage', '2', 'Non');
  // Answered: the facilitator may fix the wording only.
  await fac.goto(startPath);
  await fac.getByRole('link', { name: 'Modifier le questionnaire' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Modifier le questionnaire Questionnaire de décollage' })).toBeVisible();
  await expect(fac.getByText(/Des participants ont déjà répondu : corrigez seulement la formulation/)).toBeVisible();
  await expect(fac.getByLabel('Type de la question 1')).toBeDisabled();
  await expect(fac.getByRole('button', { name: 'Ajouter une question' })).toHaveCount(0);
  await expectAccessible(fac, 'modifier un questionnaire répondu');
  await fac.getByLabel('Titre du questionnaire').fill('Questionnaire de décollage (début)');
  await fac.getByRole('button', { name: 'Enregistrer le questionnaire' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Questionnaire de décollage (début)' })).toBeVisible();
  await expect(fac.getByText('Questionnaire enregistré.')).toBeVisible();

  // 6. A co-development session through the six steps (driven like tests/e2e/codev.e2e.ts).
  await fac.goto(`/promotions/${cohortId}/codeveloppement`);
  await expect(fac.getByRole('heading', { level: 1, name: `Codéveloppement — ${COHORT}` })).toBeVisible();
  await fac.getByRole('button', { name: 'Proposer des groupes' }).click();
  await fac.getByRole('button', { name: 'Enregistrer les groupes' }).click();
  await expect(fac.getByRole('heading', { name: 'Les groupes sont enregistrés.' })).toBeVisible();
  await expectAccessible(fac, 'codéveloppement de la promotion');
  const subject = 'Associer les élus au suivi du SPASER';
  await fac.getByText('Planifier une séance pour Groupe 1').click();
  await fac.getByLabel('Sujet de la séance').fill(subject);
  await fac.getByLabel('Client (porteur du sujet)').selectOption({ label: 'Julien Bernard' });
  await fac.getByLabel('Début (heure de Paris)').fill(parisIn(60));
  await fac.getByLabel('Fin (heure de Paris)').fill(parisIn(150));
  await fac.getByLabel('Lieu').fill('Préfecture de région, salle 2');
  await fac.getByRole('button', { name: 'Planifier la séance' }).click();
  await fac.getByRole('link', { name: 'Voir la séance' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: `Séance : ${subject}` })).toBeVisible();
  const sessionId = new URL(fac.url()).pathname.split('/').pop()!;
  await fac.getByRole('link', { name: "Ouvrir l'écran de codéveloppement" }).click();
  await fac.getByRole('button', { name: 'Démarrer la séance' }).click();
  await expect(fac.getByRole('heading', { name: 'Étape 1 sur 6 : Exposé du sujet' })).toBeVisible();
  await page.goto(`/codeveloppement/seances/${sessionId}/ecran`);
  await expect(page.getByRole('heading', { name: 'Étape 1 sur 6 : Exposé du sujet' })).toBeVisible();
  await expectAccessible(page, 'écran de codéveloppement');
  const exposé = 'Les élus ont voté le SPASER mais ne suivent pas sa mise en œuvre.';
  await page.getByLabel('Ma note — Exposé du sujet').fill(exposé);
  await expect(fac.getByText(exposé)).toBeVisible();
  for (const [i, label] of ['Questions de clarification', 'Contrat', 'Consultation', "Plan d'action", 'Apprentissages'].entries()) {
    await fac.getByRole('button', { name: 'Étape suivante' }).click();
    await expect(page.getByRole('heading', { name: `Étape ${i + 2} sur 6 : ${label}` })).toBeVisible();
    if (label === 'Contrat') {
      await page.getByLabel('Ma note — Contrat').fill('Comment associer les élus au suivi annuel ?');
      await expect(fac.getByText('Comment associer les élus au suivi annuel ?')).toBeVisible();
    }
  }
  await page.getByLabel('Ce que j’ai appris (sur le fond et sur la démarche)').fill('Préparer une demande précise.');
  await expect(page.getByText('Enregistré.')).toBeVisible();
  await fac.getByRole('button', { name: 'Terminer la séance' }).click();
  await expect(page.getByText('La séance est terminée. Merci à toutes et à tous !')).toBeVisible();

  // 7. The next morning at 9:00 Paris (moved clock): the summary sheet arrives.
  const due = (await call(fac, 'GET', `/api/codev/sessions/${sessionId}`)).summaryDueAt as string;
  expect(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(due))).toBe('09:00');
  await setClock(fac, new Date(Date.parse(due) + 1000));
  try {
    const sheet = await waitForMail(BUYER, /Fiche récapitulative de votre séance de codéveloppement/);
    expect(sheet.text).toContain('Comment associer les élus au suivi annuel ?');
    expect(sheet.text).toContain(exposé);

    // 8. The end questionnaire (same questions, through the API), answered the next morning: sessions
    // may have expired overnight (12 hours), so everyone logs in again.
    await signedIn(fac, FACILITATOR);
    await signedIn(page, BUYER);
    const end = await call(fac, 'POST', `/api/cohorts/${cohortId}/surveys`, {
      phase: 'end',
      title: "Questionnaire d'atterrissage",
      opensAt: parisIn(-60),
      closesAt: parisIn(7 * 24 * 60),
      questions: [
        { kind: 'scale', label: Q_ABLE },
        { kind: 'single', label: Q_PUBLISH, options: PUBLISH_OPTIONS },
      ],
    });
    await answerSurvey(page, cohortPath, "Questionnaire d'atterrissage", '5', 'Oui');
    // Three more participants answer; Nathalie does not.
    //   scale:   Julien 5, Claire 4, Sophie 2, Aurélie 5 → « 4 or 5 » for 3 of 4 → 75 %
    //   publish: Julien Oui, Claire Non, Sophie Oui, Aurélie Je ne sais pas → « Oui » for 2 of 4 → 50 %
    //   response rate: 4 answers of 5 participants → 80 %
    const answers: [number, number][] = [
      [4, 1],
      [2, 0],
      [5, 2],
    ];
    for (const [i, [scale, choice]] of answers.entries()) {
      const who = await apiLogin(browser, OTHERS[i]!);
      const s = await call(who.page, 'GET', `/api/cohorts/surveys/${end.id}`);
      const [qScale, qPublish] = s.questions as { id: string }[];
      await call(who.page, 'POST', `/api/cohorts/surveys/${end.id}/responses`, { answers: { [qScale!.id]: { scale }, [qPublish!.id]: { choices: [choice] } } });
    }

    // 9. The results page: the response rate and the two headline figures, mapped by the facilitator.
    await fac.goto(cohortPath);
    await fac.getByRole('link', { name: "Voir les résultats : Questionnaire d'atterrissage" }).click();
    await expect(fac.getByRole('heading', { level: 1, name: "Résultats — Questionnaire d'atterrissage" })).toBeVisible();
    await expect(fac.getByText('4 réponses sur 5 participants (taux de réponse : 80\u202f%).')).toBeVisible();
    await fac.getByText('Relier les chiffres clés aux questions').click();
    await fac.locator('#map-more_able-q').selectOption({ label: `Questionnaire de fin — ${Q_ABLE}` });
    await fac.locator('label[for="map-more_able-yes-3"]').click();
    await fac.locator('label[for="map-more_able-yes-4"]').click();
    await fac.locator('form', { has: fac.locator('#map-more_able-q') }).getByRole('button', { name: 'Enregistrer' }).click();
    await expect(fac.getByTestId('headline-more_able')).toHaveText(/^75\s%\sse sentent plus capables de déployer un SPASER$/);
    await fac.locator('#map-publish_within_6_months-q').selectOption({ label: `Questionnaire de fin — ${Q_PUBLISH}` });
    await fac.locator('label[for="map-publish_within_6_months-yes-0"]').click();
    await fac.locator('form', { has: fac.locator('#map-publish_within_6_months-q') }).getByRole('button', { name: 'Enregistrer' }).click();
    await expect(fac.getByTestId('headline-publish_within_6_months')).toHaveText(/^50\s%\sprévoient de publier un SPASER dans les six mois$/);
    // Before/after beside each other: the start answer (Julien, 2) and the end answers.
    await expect(fac.getByRole('table', { name: `Données du graphique : ${Q_ABLE}` })).toContainText('Début');
    await expectAccessible(fac, 'résultats du questionnaire');
  } finally {
    // Later journeys run at the real time again.
    await setClock(fac);
  }
});
