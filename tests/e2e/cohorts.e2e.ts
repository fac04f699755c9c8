import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, logIn, waitForMail } from './support.js';

// The cohort journey, in the browser: a buyer applies to the demo cohort open to applications (the
// draft survives a reload) → a facilitator accepts with a message → the buyer gets the e-mail and the
// cohort's private space appears → the start and end questionnaires are answered → the facilitator
// maps the two headline figures on the results page and sees them. Every page visited passes axe.
const BUYER = 'julien.bernard@lille.example';
const FACILITATOR = 'animation@entraide.example';
const COHORT = 'Mission SPASER — édition 3';
const Q_ABLE = 'Vous sentez-vous plus capable de déployer un SPASER ?';
const Q_PUBLISH = 'Prévoyez-vous de publier un SPASER dans les six mois ?';

async function signedIn(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
}

/** A Paris wall-clock time `hours` from now, as the survey form takes it. */
const parisIn = (hours: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(new Date(Date.now() + hours * 3600_000))
    .replace(' ', 'T');

/** The facilitator creates a questionnaire through the API, with the CSRF token of the browser session. */
async function createSurvey(context: BrowserContext, page: Page, cohortId: string, phase: 'start' | 'end', title: string) {
  const csrf = (await context.cookies()).find((c) => c.name === 'entraide_csrf')!.value;
  const res = await page.request.post(`/api/cohorts/${cohortId}/surveys`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      phase,
      title,
      opensAt: parisIn(-1),
      closesAt: parisIn(24 * 7),
      questions: [
        { kind: 'scale', label: Q_ABLE },
        { kind: 'single', label: Q_PUBLISH, options: ['Oui', 'Non', 'Je ne sais pas'] },
        { kind: 'text', label: 'Un commentaire ?', required: false },
      ],
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function answerSurvey(page: Page, title: string, scale: string, publish: string) {
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // Nothing chosen: the required questions are named in French.
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByText('Répondez à cette question.').first()).toBeVisible();
  await expectAccessible(page, `questionnaire ${title}`);
  await page.getByRole('group', { name: new RegExp(Q_ABLE.replace(/[?]/g, '\\?')) }).getByText(scale, { exact: true }).click();
  await page.getByRole('group', { name: new RegExp(Q_PUBLISH.replace(/[?]/g, '\\?')) }).getByText(publish, { exact: true }).click();
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByRole('heading', { name: /Merci, vos réponses sont enregistrées/ })).toBeVisible();
}

test('apply, get accepted, find the private space, answer the surveys, see the headline figures', async ({ page, browser }) => {
  test.setTimeout(300_000);

  // The buyer finds the open cohort and applies.
  await signedIn(page, BUYER);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Promotions', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Promotions' })).toBeVisible();
  await expectAccessible(page, 'promotions');
  await page.getByRole('link', { name: COHORT }).click();
  await expect(page.getByRole('heading', { level: 1, name: COHORT })).toBeVisible();
  const cohortPath = new URL(page.url()).pathname;
  const cohortId = cohortPath.split('/').pop()!;
  await expectAccessible(page, 'promotion (partie publique)');

  await page.getByRole('link', { name: 'Candidater' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Candidater à la promotion ${COHORT}` })).toBeVisible();
  // Bad input first: the French messages per field.
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await expect(page.getByText('Choisissez où en est le SPASER de votre organisation.').first()).toBeVisible();
  await expectAccessible(page, 'candidature, erreurs');
  await page.getByLabel('Ce que vous attendez de la promotion').fill('Écrire notre premier SPASER avec des pairs.');
  // The draft is kept in the browser: a reload loses nothing.
  await page.reload();
  await expect(page.getByText('Brouillon restauré')).toBeVisible();
  await expect(page.getByLabel('Ce que vous attendez de la promotion')).toHaveValue('Écrire notre premier SPASER avec des pairs.');
  await page.getByLabel('Où en est le SPASER de votre organisation ?').selectOption('reflexion');
  await page.getByLabel('Vos disponibilités').fill('Les mardis après-midi.');
  await expectAccessible(page, 'candidature');
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ma candidature' })).toBeVisible();
  await expect(page.getByText('En attente')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Espace des membres' })).toHaveCount(0);

  // The facilitator reviews and accepts, with a message.
  const facilitatorContext = await browser.newContext();
  const fac = await facilitatorContext.newPage();
  await signedIn(fac, FACILITATOR);
  await fac.goto(cohortPath);
  await fac.getByRole('link', { name: 'Examiner les candidatures' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: `Candidatures — ${COHORT}` })).toBeVisible();
  await expectAccessible(fac, 'candidatures');
  const card = fac.locator('section', { has: fac.getByRole('heading', { name: /Julien Bernard/ }) });
  await card.getByText('Accepter', { exact: true }).click();
  await card.getByLabel('Message envoyé par e-mail').fill('Bienvenue Julien, à bientôt au décollage !');
  await card.getByRole('button', { name: 'Envoyer la décision' }).click();
  await expect(card.getByText('Acceptée')).toBeVisible();
  const mail = await waitForMail(BUYER, /Votre candidature est acceptée/);
  expect(mail.text).toContain('Bienvenue Julien, à bientôt au décollage !');

  // The private space appears for the buyer.
  await page.goto(cohortPath);
  await expect(page.getByRole('heading', { level: 2, name: 'Espace des membres' })).toBeVisible();
  await expectAccessible(page, 'promotion (membres)');
  await page.getByRole('link', { name: "Ouvrir l'espace d'entraide privé" }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Promotion ${COHORT}` })).toBeVisible();
  await expectAccessible(page, 'espace privé de la promotion');

  // Questionnaires at the start and at the end (both open now for the journey).
  // The start questionnaire with the builder; the end one (same questions) through the API.
  await fac.goto(cohortPath);
  await fac.getByRole('link', { name: 'Créer un questionnaire' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Nouveau questionnaire' })).toBeVisible();
  await fac.getByRole('button', { name: 'Créer le questionnaire' }).click();
  await expect(fac.getByText('Saisissez le titre du questionnaire.').first()).toBeVisible();
  await fac.getByLabel('Étape').selectOption('start');
  await fac.getByLabel('Titre du questionnaire').fill('Questionnaire de décollage');
  await fac.getByLabel('Ouverture (heure de Paris)').fill(parisIn(-1));
  await fac.getByLabel('Clôture (heure de Paris)').fill(parisIn(24 * 7));
  await fac.getByLabel('Type de la question 1').selectOption('scale');
  await fac.getByLabel('Intitulé de la question 1').fill(Q_ABLE);
  await fac.getByRole('button', { name: 'Ajouter une question' }).click();
  await fac.getByLabel('Intitulé de la question 2').fill(Q_PUBLISH);
  await fac.getByLabel('Choix de la question 2').fill('Oui\nNon\nJe ne sais pas');
  await expectAccessible(fac, 'nouveau questionnaire');
  await fac.getByRole('button', { name: 'Créer le questionnaire' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Questionnaire de décollage' })).toBeVisible();
  const endId = await createSurvey(facilitatorContext, fac, cohortId, 'end', "Questionnaire d'atterrissage");
  await page.goto(cohortPath);
  await answerSurvey(page, 'Questionnaire de décollage', '2', 'Non');
  await page.goto(cohortPath);
  await answerSurvey(page, "Questionnaire d'atterrissage", '5', 'Oui');
  await expectAccessible(page, 'questionnaire envoyé');

  // The facilitator maps the headline figures to the end questions and reads them.
  await fac.goto(`${cohortPath}/questionnaires/${endId}/resultats`);
  await expect(fac.getByRole('heading', { level: 1, name: "Résultats — Questionnaire d'atterrissage" })).toBeVisible();
  await expect(fac.getByText('1 réponse sur 1 participant (taux de réponse : 100 %).'.replace(/ %/, '\u202f%'))).toBeVisible();
  await fac.getByText('Relier les chiffres clés aux questions').click();
  await fac.locator('#map-more_able-q').selectOption({ label: `Questionnaire de fin — ${Q_ABLE}` });
  await fac.locator('label[for="map-more_able-yes-3"]').click();
  await fac.locator('label[for="map-more_able-yes-4"]').click();
  await fac.locator('form', { has: fac.locator('#map-more_able-q') }).getByRole('button', { name: 'Enregistrer' }).click();
  await expect(fac.getByTestId('headline-more_able')).toHaveText(/^100\s%\sse sentent plus capables de déployer un SPASER$/);
  await fac.locator('#map-publish_within_6_months-q').selectOption({ label: `Questionnaire de fin — ${Q_PUBLISH}` });
  await fac.locator('label[for="map-publish_within_6_months-yes-0"]').click();
  await fac.locator('form', { has: fac.locator('#map-publish_within_6_months-q') }).getByRole('button', { name: 'Enregistrer' }).click();
  await expect(fac.getByTestId('headline-publish_within_6_months')).toHaveText(/^100\s%\sprévoient de publier un SPASER dans les six mois$/);
  // Before/after beside each other, in the chart's data table.
  await expect(fac.getByRole('table', { name: `Données du graphique : ${Q_ABLE}` })).toContainText('Début');
  await expectAccessible(fac, 'résultats du questionnaire');
  await facilitatorContext.close();
});
