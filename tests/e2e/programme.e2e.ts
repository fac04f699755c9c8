import type { Browser, Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { addDays, addMonthsToDate } from '../../src/shared/paris-time.js';
import { apiLogin, call, expectAccessible, setClock, signedIn } from './support.js';

// Issue 23, « Must show », one journey through a whole edition on the platform clock: the programme team
// copies the demo's finished « édition 1 » into a new edition (open to applications); Thomas applies and
// is accepted; Julien joins too; Thomas fills his décollage card, asks the sponsor a question; three weeks
// on, the follow-up flags Julien without activity; Yann, the sponsor, answers; Thomas writes his
// retrospective at the atterrissage; six months after the end, Julien's organisation having adopted its
// SPASER in the meantime, « Résultats de l'édition » shows the observed adoption beside the intention.
// Every page visited passes axe. Lille's SPASER status and the clock are put back at the end (the
// journeys share one server). Not Marc Rossi's account (the accounts journey resets his password).
const FACILITATOR = 'animation@entraide.example';
const THOMAS = 'thomas.guerin@reze.example';
const JULIEN = 'julien.bernard@lille.example';
const YANN = 'yann.le-goff@rennes.example';
const SOURCE = 'Mission SPASER — édition 1';
const NAME = `Mission SPASER — édition 9 (${Date.now().toString(36)})`;

const at = (date: string) => new Date(`${date}T09:00:00Z`);

/** Moves the platform clock from a fresh session (the page's may have expired on the way). */
async function moveClock(browser: Browser, to?: Date) {
  const staff = await apiLogin(browser, FACILITATOR);
  await setClock(staff.page, to);
  await staff.page.context().close();
}

async function openCohort(page: Page, cohortId: string) {
  await page.goto(`/promotions/${cohortId}`);
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
}

test('an edition from its copy to the observed adoptions six months after its end', async ({ page, browser }) => {
  test.setTimeout(600_000);
  // The new edition starts in two weeks and lasts as long as the first (13 January → 11 April 2025: 88 days).
  const start = addDays(new Date().toISOString().slice(0, 10), 14);
  const end = addDays(start, 88);
  const windowEnd = addMonthsToDate(end, 6);
  let cohortId = '';
  let lilleId = '';
  try {
    // 1. The programme team copies the last finished edition.
    await signedIn(page, FACILITATOR);
    await page.goto('/promotions');
    await page.getByRole('link', { name: SOURCE }).first().click();
    await page.getByRole('link', { name: 'Préparer l’édition suivante' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Préparer l’édition suivante/ })).toBeVisible();
    await expectAccessible(page, 'édition suivante');
    await page.getByLabel('Nom de la nouvelle promotion').fill(NAME);
    await page.getByLabel('Numéro d’édition').fill('9');
    await page.getByLabel('Date de début').fill(start);
    await expect(page.getByText(/Décalage de \d+ jours\./)).toBeVisible();
    await page.getByRole('button', { name: 'Créer la nouvelle édition' }).click();
    await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
    await expect(page.getByText(/Nouvelle édition créée : 4 séances, 2 questionnaires/)).toBeVisible();
    cohortId = new URL(page.url()).pathname.split('/')[2]!;
    await expectAccessible(page, 'nouvelle édition, candidatures ouvertes');
    // Its sponsor (the copy takes no people): Yann, whose Rennes adopted its SPASER in 2024.
    const yann = await apiLogin(browser, YANN);
    await call(page, 'PUT', `/api/cohorts/${cohortId}/members/${yann.id}`, { role: 'sponsor' });

    // 2. Applications: Thomas in the browser, Julien through the API; the team accepts both.
    await signedIn(page, THOMAS);
    await openCohort(page, cohortId);
    await page.getByRole('link', { name: 'Candidater' }).first().click();
    await page.getByLabel('Où en est le SPASER de votre organisation ?').selectOption('redaction');
    await page.getByLabel('Ce que vous attendez de la promotion').fill('Faire adopter notre part du schéma commun et suivre ses indicateurs.');
    await page.getByLabel('Vos disponibilités').fill('Les mardis après-midi.');
    await expectAccessible(page, 'candidature');
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await expect(page.getByText('Votre candidature est envoyée').first()).toBeVisible();
    const julien = await apiLogin(browser, JULIEN);
    lilleId = julien.organisationId!;
    await call(julien.page, 'POST', `/api/cohorts/${cohortId}/applications`, {
      organisationId: lilleId,
      jobRole: 'Acheteur numérique',
      spaserStage: 'pas_commence',
      expectations: 'Comprendre par où commencer.',
      availability: 'Le jeudi.',
    });
    await signedIn(page, FACILITATOR);
    await page.goto(`/promotions/${cohortId}/candidatures`);
    for (const who of ['Thomas Guérin', 'Julien Bernard']) {
      const card = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(who) }) });
      await card.getByText('Accepter', { exact: true }).click();
      await card.getByRole('button', { name: 'Envoyer la décision' }).click();
      await expect(card.getByText('Acceptée')).toBeVisible();
    }
    await expectAccessible(page, 'candidatures acceptées');
    await call(page, 'PATCH', `/api/cohorts/${cohortId}`, { status: 'en_cours' });

    // 3. Décollage: Thomas fills his card the day after the start.
    await moveClock(browser, at(addDays(start, 1)));
    await signedIn(page, THOMAS);
    await openCohort(page, cohortId);
    await page.getByRole('link', { name: "Remplir ma carte d'identité" }).click();
    await page.getByLabel('Ce qui vous amène dans la promotion').fill('Notre schéma commun est adopté : il faut maintenant le faire vivre à Rezé.');
    await page.getByLabel('Ce que vous pouvez apporter aux autres').fill('Notre expérience d’un schéma à plusieurs acheteurs.');
    await page.getByLabel('Ce dont vous avez besoin').fill('Des indicateurs simples à suivre chaque année.');
    await page.getByRole('button', { name: 'Enregistrer ma carte' }).click();
    await expect(page.getByText('Votre carte est enregistrée')).toBeVisible();
    await expectAccessible(page, 'carte d’identité');

    // 4. Twenty days in, Thomas asks the sponsor a question.
    const question = 'Comment avez-vous choisi les indicateurs que vous publiez chaque année ?';
    await moveClock(browser, at(addDays(start, 20)));
    await signedIn(page, THOMAS);
    await openCohort(page, cohortId);
    await page.getByRole('link', { name: 'Parrainage : questions et permanences' }).click();
    await page.getByLabel('Votre question').fill(question);
    await page.getByRole('button', { name: 'Envoyer la question' }).click();
    await expect(page.getByText('Question envoyée aux parrains et marraines.')).toBeVisible();
    await expectAccessible(page, 'parrainage, question posée');

    // 5. Three weeks and more without a sign from Julien: the follow-up says so.
    await moveClock(browser, at(addDays(start, 25)));
    await signedIn(page, FACILITATOR);
    await openCohort(page, cohortId);
    await page.getByRole('link', { name: 'Suivi des participants' }).click();
    await page.getByText("Qui a besoin d'aide", { exact: true }).first().click();
    const table = page.getByRole('table', { name: /Participants qui ont besoin d'aide/ });
    await expect(table.getByRole('row', { name: /Bernard/ }).getByText(/Aucune activité depuis/)).toBeVisible();
    await expectAccessible(page, 'qui a besoin d’aide');

    // 6. The sponsor answers; the whole cohort reads it.
    await moveClock(browser, at(addDays(start, 26)));
    await signedIn(page, YANN);
    await openCohort(page, cohortId);
    await page.getByRole('link', { name: 'Parrainage : questions et permanences' }).click();
    const card = page.locator('article', { hasText: question });
    await card.getByLabel('Votre réponse').fill('Trois indicateurs tirés des données de la commande publique, publiés avec le bilan annuel.');
    await card.getByRole('button', { name: /^Répondre/ }).click();
    await expect(card.getByText(/Réponse de Yann Le Goff/)).toBeVisible();
    await expectAccessible(page, 'parrainage, réponse');

    // 7. Atterrissage: Thomas's retrospective.
    await moveClock(browser, at(addDays(start, 80)));
    await signedIn(page, THOMAS);
    await openCohort(page, cohortId);
    await page.getByRole('link', { name: "Atterrissage : retours d'expérience et enseignements" }).click();
    await page.getByLabel('Ce qui a bien fonctionné').fill('La réponse de notre parrain sur les indicateurs.');
    await page.getByLabel('Ce que vous changeriez').fill('Commencer les indicateurs dès le premier mois.');
    await page.getByLabel('Ce que vous retenez pour votre SPASER').fill('Trois indicateurs suivis valent mieux que dix annoncés.');
    await page.getByRole('button', { name: 'Envoyer mon retour' }).click();
    await expect(page.getByText("Votre retour d'expérience est enregistré.")).toBeVisible();
    await expectAccessible(page, 'atterrissage');

    // 8. The edition ends; Lille adopts its SPASER a month later and declares it.
    await moveClock(browser, at(addDays(end, 2)));
    await signedIn(page, FACILITATOR);
    await call(page, 'PATCH', `/api/cohorts/${cohortId}`, { status: 'terminee' });
    await moveClock(browser, at(addDays(end, 40)));
    const lille = await apiLogin(browser, JULIEN);
    await call(lille.page, 'POST', `/api/organisations/${lilleId}/spaser-declaration`, { url: 'https://www.lille.example/spaser.pdf', adoptedOn: addDays(end, 30) });

    // 9. Six months after the end: the observed adoption beside the intention.
    await moveClock(browser, at(addDays(windowEnd, 1)));
    await signedIn(page, FACILITATOR);
    await openCohort(page, cohortId);
    await page.getByRole('link', { name: "Résultats de l'édition" }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Résultats de l'édition/ })).toBeVisible();
    // Rezé came with the joint schéma adopted in 2025 (before the start); Lille adopted within six months.
    await expect(page.getByText('1 sur 1 ont adopté leur SPASER dans les six mois')).toBeVisible();
    await expect(page.getByRole('row', { name: /Rezé.*Adopté dans les six mois/ })).toHaveCount(0);
    await expect(page.getByRole('row', { name: /Lille/ }).getByText('Adopté dans les six mois')).toBeVisible();
    await expect(page.getByRole('row', { name: /Rezé/ }).getByText('Déjà adopté avant la promotion')).toBeVisible();
    await expect(page.getByText('Questionnaire de suivi à six mois').first()).toBeVisible();
    await expectAccessible(page, 'résultats de l’édition');
    // Across editions: the programme's report, with the new edition beside the first.
    await page.goto('/promotions');
    await page.getByRole('link', { name: 'Bilan du programme' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bilan du programme' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Les éditions' }).getByRole('row', { name: new RegExp(NAME.replace(/[()]/g, '\\$&')) })).toBeVisible();
    await expectAccessible(page, 'bilan du programme');
    // A read-only link for a partner of the programme, opened without an account.
    await page.getByRole('button', { name: 'Créer un lien de lecture' }).click();
    const shared = await page.getByLabel('Lien de lecture du bilan').inputValue();
    await page.context().clearCookies();
    await page.goto(new URL(shared).pathname);
    await expect(page.getByText('Bilan partagé en lecture')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Les éditions' })).toBeVisible();
    await expectAccessible(page, 'bilan partagé, sans compte');
    // The first edition's lessons, public.
    await page.context().clearCookies();
    await page.goto('/promotions');
    await page.getByRole('link', { name: SOURCE }).first().click();
    await page.getByRole('link', { name: "Enseignements de l'édition" }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Synthèse' })).toBeVisible();
    await expect(page.getByText('La gouvernance d\'abord')).toBeVisible();
    await expectAccessible(page, 'enseignements de l’édition, visiteur');
  } finally {
    // The journeys share one server: Lille's status and the clock as they were (from a context of its
    // own: the page may be signed out by then).
    await moveClock(browser);
    if (lilleId) {
      const lille = await apiLogin(browser, JULIEN);
      await call(lille.page, 'PATCH', `/api/organisations/${lilleId}`, { spaserStatus: 'unknown' });
    }
  }
});
