import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { apiLogin, call, expectAccessible, expectNoHorizontalOverflow, signedIn } from './support.js';

// Issue 17, item 6: a member starts her SPASER from the adopted schéma of a similar organisation. The
// structure is there, none of the model's figures; she adds an axis, an objective and an indicator with
// targets, the legal check goes from incomplete to complete, she adopts it. Axe on every page, at 375 px too.
const MEMBER = 'yann.le-goff@rennes.example';
// Demo members whose commune may be similar to Rennes (the demo DECP decides): the first one in the
// same size band the same year writes and adopts the model, so the journey does not depend on the demo's figures.
const CANDIDATES = ['sophie.durand@nantes.example', 'nathalie.petit@bordeaux.example', 'julien.bernard@lille.example', 'aurelie.roux@grenoble.example', 'marc.rossi@ajaccio.example', 'claire.martin@lyon.example'];

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** The organisation's size band in its latest year of notified marchés (public indicators page data). */
async function latestBand(page: Page, organisationId: string): Promise<string | null> {
  const body = await (await page.request.get(`/api/organisations/${organisationId}/decp-indicators`)).json();
  const years = (body.peers?.years ?? []) as { year: number; band: number }[];
  const last = years.at(-1);
  return last ? `${last.year}:${last.band}` : null;
}

async function saveSection(page: Page, id: string) {
  const section = page.locator(`#partie-${id}`);
  await section.getByRole('button', { name: 'Enregistrer cette partie' }).click();
  await expect(section.getByRole('status')).toHaveText(/Partie enregistrée à/);
}

test('issue 17: start a SPASER from a similar organisation’s adopted schéma, complete it, adopt it', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const year = Number(parisToday().slice(0, 4));

  // The model: written and adopted, through the API, by a member of a similar commune.
  const yann = await apiLogin(browser, MEMBER);
  const rennesBand = await latestBand(yann.page, yann.organisationId!);
  expect(rennesBand, 'Rennes has demo DECP data').not.toBeNull();
  let peer: Awaited<ReturnType<typeof apiLogin>> | null = null;
  for (const email of CANDIDATES) {
    const candidate = await apiLogin(browser, email);
    if (candidate.organisationId && (await latestBand(candidate.page, candidate.organisationId)) === rennesBand) {
      peer = candidate;
      break;
    }
    await candidate.page.context().close();
  }
  expect(peer, 'a demo member of a commune similar to Rennes').not.toBeNull();
  const peerOrg = (await (await peer!.page.request.get(`/api/organisations/${peer!.organisationId}`)).json()).name as string;
  const modelTitle = `SPASER modèle ${peerOrg} ${Date.now().toString(36)}`;
  const model = await call(peer!.page, 'POST', '/api/spasers', { organisationId: peer!.organisationId, title: modelTitle, periodStart: year - 1, periodEnd: year + 2 });
  const put = (section: string, body: unknown) => call(peer!.page, 'PUT', `/api/spasers/${model.id}/sections/${section}`, { version: 0, body });
  await put('axes', [
    {
      id: 'm-axe-1',
      title: 'Inclusion par l’achat',
      objectives: [{ id: 'm-obj-1', title: 'Clauses d’insertion dans les travaux', tags: ['social_insertion'], actions: [{ id: 'm-act-1', title: 'Clause d’insertion au-delà de 500 000 €', owner: 'Direction modèle', deadline: `${year}-12-31`, status: 'in_progress', tags: ['social_insertion'] }] }],
    },
    {
      id: 'm-axe-2',
      title: 'Sobriété et réemploi',
      objectives: [{ id: 'm-obj-2', title: 'Mobilier de réemploi', tags: ['ecological', 'circular_economy'], actions: [{ id: 'm-act-2', title: 'Lot réservé au réemploi', owner: 'Service mobilier', tags: ['circular_economy'] }] }],
    },
  ]);
  await put('indicators', [
    {
      id: 'm-ind-1',
      name: 'Achats auprès des ESUS',
      category: 'esus',
      unit: 'euros',
      definition: 'Montant HT payé aux entreprises solidaires d’utilité sociale.',
      objectiveId: 'm-obj-1',
      perBuyer: [{ organisationId: peer!.organisationId, baseline: { year: year - 1, value: 123_456 }, targets: [{ year: year + 2, value: 654_321 }] }],
    },
  ]);
  await put('governance', { steeringCommittee: 'Élue aux achats du modèle', reviewCadenceMonths: 6, monitoring: 'Revue semestrielle du modèle.', reportingLine: '' });
  await put('publication', { url: 'https://modele.example/spaser', indicatorsEveryMonths: 12 });
  await call(peer!.page, 'POST', `/api/spasers/${model.id}/adoption`, { adoptedOn: parisToday(), reference: 'Délibération du modèle n° 99' });
  await peer!.page.context().close();
  await yann.page.context().close();

  // The member starts hers from it.
  await signedIn(page, MEMBER);
  await page.goto('/spaser');
  await expect(page.getByRole('heading', { level: 1, name: 'Mes SPASER' })).toBeVisible();
  const option = page.locator('label').filter({ hasText: `${modelTitle} — ${peerOrg}` });
  await expect(option).toContainText(`${peerOrg} : même type d'organisation que la vôtre (commune), marchés notifiés en`);
  await expect(option).toContainText('2 axes, 2 objectifs, 2 actions, 1 indicateur.');
  await expect(page.locator('label').filter({ hasText: 'Le modèle vierge avec les axes habituels' })).toContainText('Transition écologique');
  await expectAccessible(page, 'mes SPASER, modèles proposés');
  const title = `SPASER de Rennes d’après un modèle ${year}`;
  await page.locator('#spaser-title').fill(title);
  await option.click();
  await expect(page.getByRole('radio', { name: new RegExp(modelTitle) })).toBeChecked();
  await page.getByRole('button', { name: 'Commencer le SPASER' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The structure is there; none of the model's figures, owners, dates, governance or address.
  await expect(page.locator('#axe-0-titre')).toHaveValue('Inclusion par l’achat');
  await expect(page.locator('#axe-1-objectif-0-titre')).toHaveValue('Mobilier de réemploi');
  await expect(page.locator('#axe-0-objectif-0-action-0-titre')).toHaveValue('Clause d’insertion au-delà de 500 000 €');
  await expect(page.locator('#axe-0-objectif-0-action-0-pilote')).toHaveValue('');
  await expect(page.locator('#axe-0-objectif-0-action-0-echeance')).toHaveValue('');
  await expect(page.locator('#indicateur-0-nom')).toHaveValue('Achats auprès des ESUS');
  await expect(page.locator('#indicateur-0-definition')).toHaveValue('Montant HT payé aux entreprises solidaires d’utilité sociale.');
  const esus = (suffix: string) => page.locator(`[id^="indicateur-0-acheteur-"][id$="-${suffix}"]`);
  // No figures: the indicator has neither baseline nor target, only the buttons to add them.
  const esusFigures = page.locator('#partie-indicators').getByRole('group', { name: 'Indicateur 1' });
  await expect(esus('ref-annee')).toHaveCount(0);
  await expect(esus('cible-0-annee')).toHaveCount(0);
  await expect(esusFigures.getByRole('button', { name: 'Ajouter une valeur de référence' })).toBeVisible();
  await expect(page.locator('#spaser-gov-cadence')).toHaveValue('');
  await expect(page.locator('#spaser-gov-steering')).toHaveValue('');
  await expect(page.locator('#spaser-pub-url')).toHaveValue('');
  await expect(page.getByText('Direction modèle')).toHaveCount(0);
  // Social, ecological and circular economy objectives come with the structure: 3 of 8.
  const score = page.locator('#verification-titre + p');
  await expect(score).toHaveText('3 exigences remplies sur 8.');
  await expectAccessible(page, 'SPASER copié d’un modèle');

  // A third axis with an objective and its action.
  const axes = page.locator('#partie-axes');
  await axes.getByRole('button', { name: 'Ajouter un axe' }).click();
  await page.locator('#axe-2-titre').fill('Accès des TPE et PME');
  await axes.getByRole('button', { name: 'Ajouter un objectif' }).nth(2).click();
  await page.locator('#axe-2-objectif-0-titre').fill('Allotir les marchés');
  await axes.getByRole('group', { name: 'Ce que sert cet objectif' }).nth(2).getByText('Accès des TPE et PME', { exact: true }).click();
  await axes.getByRole('button', { name: 'Ajouter une action' }).nth(2).click();
  await page.locator('#axe-2-objectif-0-action-0-titre').fill('Guide de l’allotissement');
  await saveSection(page, 'axes');

  // Figures of its own for the copied indicator, and a new indicator with its target.
  await esusFigures.getByRole('button', { name: 'Ajouter une valeur de référence' }).click();
  await esus('ref-annee').fill(String(year));
  await esus('ref-valeur').fill('50000');
  await esusFigures.getByRole('button', { name: 'Ajouter une cible' }).click();
  await esus('cible-0-annee').fill(String(year + 2));
  await esus('cible-0-valeur').fill('80000');
  const indicators = page.locator('#partie-indicators');
  await indicators.getByRole('button', { name: 'Ajouter un indicateur' }).click();
  await page.locator('#indicateur-1-nom').fill('Marchés réservés');
  await page.locator('#indicateur-1-categorie').selectOption('reserved_contracts');
  await page.locator('#indicateur-1-unite').selectOption('contracts');
  await page.locator('#indicateur-1-definition').fill('Nombre de marchés réservés notifiés dans l’année.');
  const reserved = (suffix: string) => page.locator(`[id^="indicateur-1-acheteur-"][id$="-${suffix}"]`);
  const reservedFigures = indicators.getByRole('group', { name: 'Indicateur 2' });
  await reservedFigures.getByRole('button', { name: 'Ajouter une valeur de référence' }).click();
  await reserved('ref-annee').fill(String(year));
  await reserved('ref-valeur').fill('1');
  await reservedFigures.getByRole('button', { name: 'Ajouter une cible' }).click();
  await reserved('cible-0-annee').fill(String(year + 2));
  await reserved('cible-0-valeur').fill('4');
  await saveSection(page, 'indicators');
  await expect(score).toHaveText('5 exigences remplies sur 8.');

  await page.locator('#spaser-gov-cadence').fill('12');
  await page.locator('#spaser-gov-monitoring').fill('Bilan annuel au comité de pilotage.');
  await saveSection(page, 'governance');
  await page.locator('#spaser-pub-url').fill('https://metropole.rennes.example/spaser-modele');
  await page.locator('#spaser-pub-every').fill('24');
  await saveSection(page, 'publication');
  await expect(score).toHaveText('8 exigences remplies sur 8.');
  await expectAccessible(page, 'SPASER d’après un modèle, complet');

  await page.locator('#adoption-date').fill(`${year}-01-15`);
  await page.locator('#adoption-reference').fill('Délibération n° 2026-0107');
  await page.getByRole('button', { name: 'Enregistrer l’adoption' }).click();
  await expect(page.getByText(/Adopté le 15 janvier/)).toBeVisible();
  await expectAccessible(page, 'SPASER d’après un modèle, adopté');

  // At 375 px: the schéma, then « Mes SPASER » with its suggestions.
  await page.setViewportSize({ width: 375, height: 800 });
  await expectAccessible(page, 'SPASER adopté, 375 px');
  await expectNoHorizontalOverflow(page, 'SPASER adopté, 375 px');
  await page.goto('/spaser');
  await expect(page.locator('label').filter({ hasText: modelTitle })).toBeVisible();
  await expectAccessible(page, 'mes SPASER, 375 px');
  await expectNoHorizontalOverflow(page, 'mes SPASER, 375 px');
});

// Issue 17, item 2 in the pages: an editor invites another commune through the organisation search,
// a verified member of that commune sees the invitation on « Mes SPASER » and accepts; the editor
// adds and removes an editor; bad choices get French messages.
test('issue 17: invite a buyer to a joint schéma, accept it, add and remove an editor', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const year = Number(parisToday().slice(0, 4));
  const yann = await apiLogin(browser, MEMBER);
  const title = `SPASER commun Rennes et Nantes ${Date.now().toString(36)}`;
  const created = await call(yann.page, 'POST', '/api/spasers', { organisationId: yann.organisationId, title, periodStart: year, periodEnd: year + 2 });
  await yann.page.context().close();

  await signedIn(page, MEMBER);
  await page.goto(`/spaser/${created.id}`);
  const team = page.locator('#equipe');
  await expect(team.getByRole('heading', { name: 'Acheteurs et rédacteurs' })).toBeVisible();
  await team.getByLabel(/Inviter un acheteur/).fill('Nantes');
  await team.getByRole('button', { name: 'Rechercher' }).click();
  await team.getByRole('button', { name: 'Inviter Nantes', exact: true }).click();
  await expect(team.getByText('Nantes est invitée : un de ses membres vérifiés doit accepter.')).toBeVisible();
  await expect(team.getByRole('listitem').filter({ hasText: 'Nantes' }).first()).toContainText('Invité');
  // The same organisation again: a French message, nothing changed.
  await team.getByRole('button', { name: 'Inviter Nantes', exact: true }).click();
  await expect(team.getByText('Cet acheteur fait déjà partie du schéma, ou y est déjà invité.').first()).toBeVisible();
  // Nobody to add yet (Nantes has not accepted), and choosing nobody says so.
  await expect(team.getByText('Tous les membres vérifiés des acheteurs du schéma sont déjà rédacteurs.')).toBeVisible();
  await expectAccessible(page, 'équipe du schéma, invitation envoyée');

  // A verified member of Nantes sees the invitation and accepts.
  const sophie = await (await browser.newContext()).newPage();
  await signedIn(sophie, 'sophie.durand@nantes.example');
  await sophie.goto('/spaser');
  const invitation = sophie.locator('section', { has: sophie.getByRole('heading', { name: 'Invitations à rejoindre un schéma commun' }) });
  await expect(invitation).toContainText(`Nantes est invitée à rejoindre « ${title} ».`);
  await expectAccessible(sophie, 'mes SPASER, invitation reçue');
  await invitation.getByRole('button', { name: 'Accepter pour Nantes' }).click();
  await expect(sophie.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(sophie.locator('#equipe').getByRole('listitem').filter({ hasText: 'Nantes' }).first()).toContainText('Membre du schéma');
  await expectAccessible(sophie, 'schéma commun, invitation acceptée');
  await sophie.context().close();

  // The editor removes Sophie, then adds her back from the verified members of the accepted buyers.
  await page.reload();
  await expect(team.getByRole('listitem').filter({ hasText: 'Sophie Durand' })).toBeVisible();
  await team.getByRole('button', { name: 'Retirer Sophie Durand' }).click();
  await expect(team.getByText("Sophie Durand n'est plus rédacteur ou rédactrice.")).toBeVisible();
  await team.getByRole('button', { name: 'Ajouter comme rédacteur' }).click();
  await expect(team.getByText('Choisissez une personne.').first()).toBeVisible();
  await page.locator('#equipe-candidat').selectOption({ label: 'Sophie Durand (Nantes)' });
  await team.getByRole('button', { name: 'Ajouter comme rédacteur' }).click();
  await expect(team.getByText('Sophie Durand est maintenant rédacteur ou rédactrice.')).toBeVisible();
  await expect(team.getByRole('button', { name: 'Retirer Sophie Durand' })).toBeVisible();
  await expectAccessible(page, 'équipe du schéma, rédacteurs');

  // Rezé is invited too; its verified member declines from « Mes SPASER »: the invitation is withdrawn.
  await team.getByLabel(/Inviter un acheteur/).fill('Rezé');
  await team.getByRole('button', { name: 'Rechercher' }).click();
  await team.getByRole('button', { name: 'Inviter Rezé', exact: true }).click();
  await expect(team.getByText('Rezé est invitée : un de ses membres vérifiés doit accepter.')).toBeVisible();
  const thomas = await (await browser.newContext()).newPage();
  await signedIn(thomas, 'thomas.guerin@reze.example');
  await thomas.goto('/spaser');
  const invited = thomas.locator('section', { has: thomas.getByRole('heading', { name: 'Invitations à rejoindre un schéma commun' }) });
  await expect(invited).toContainText(`Rezé est invitée à rejoindre « ${title} ».`);
  await invited.getByRole('button', { name: 'Décliner pour Rezé' }).click();
  const declined = `Invitation déclinée : Rezé ne rejoint pas « ${title} ». Ses rédacteurs pourront vous inviter de nouveau.`;
  await expect(thomas.getByRole('heading', { name: declined })).toBeVisible();
  // The confirmation takes the focus (the pressed button is gone with the invitation).
  await expect(thomas.locator(':focus')).toContainText(declined);
  await expectAccessible(thomas, 'mes SPASER, invitation déclinée');
  await thomas.context().close();
  await page.reload();
  await expect(team.getByRole('listitem').filter({ hasText: 'Rezé' })).toHaveCount(0);

  await page.setViewportSize({ width: 375, height: 800 });
  await expectAccessible(page, 'équipe du schéma, 375 px');
  await expectNoHorizontalOverflow(page, 'équipe du schéma, 375 px');
});
