import { expect, test } from './platform.js';
import { expectAccessible, expectNoHorizontalOverflow, signedIn } from './support.js';

// Issue 19, item 3: Grenoble's editor invites Farid, the platform's facilitator, to review her
// revision; Farid finds it among « Schémas à relire », reads it without editing and comments on the
// axes (an empty comment first: refused in French); the editor sees the thread, replies and resolves
// it; the resolved thread is found under its filter. Axe on every page and state; the panel at 375 px.
const EDITOR = 'aurelie.roux@grenoble.example';
const FACILITATOR = 'animation@entraide.example';
const TITLE = 'SPASER de la Ville de Grenoble 2026-2030 (révision)';
const COMMENT = 'L’axe « Alimentation durable » gagnerait une action sur les produits locaux : la loi EGalim les compte à part.';
const REPLY = 'Bonne idée : une action « approvisionnement local » est ajoutée pour la rentrée.';

test('issue 19, item 3: an editor invites a facilitator, who comments; the editor replies and resolves', async ({ page }) => {
  test.setTimeout(180_000);

  // The editor invites Farid from the « Relecture » block of the builder.
  await signedIn(page, EDITOR);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon SPASER' }).click();
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const reviewers = page.locator('#relecture');
  await expect(reviewers.getByRole('heading', { level: 2, name: 'Relecture' })).toBeVisible();
  await expect(reviewers.getByText('Personne n’est encore invité à relire ce schéma.')).toBeVisible();
  // Nobody chosen: a French message, nothing sent.
  await reviewers.getByRole('button', { name: 'Inviter à relire' }).click();
  await expect(reviewers.getByText('Choisissez une personne à inviter.').first()).toBeVisible();
  await reviewers.getByLabel('Collègue ou animateur').selectOption({ label: 'Farid Benali (Animation de la plateforme)' });
  await reviewers.getByRole('button', { name: 'Inviter à relire' }).click();
  await expect(reviewers.getByText('Farid Benali est invité(e) à relire ce schéma : une notification l’en informe.')).toBeVisible();
  await expect(reviewers.getByRole('button', { name: 'Retirer l’invitation de Farid Benali' })).toBeVisible();
  await expectAccessible(page, 'SPASER, relecteur invité');

  // Farid: told in his notification centre, finds the schéma among « Schémas à relire ».
  await signedIn(page, FACILITATOR);
  await page.goto('/notifications');
  await expect(page.getByText(`Aurélie Roux vous invite à relire et commenter le SPASER « ${TITLE} »`, { exact: false }).first()).toBeVisible();
  await page.goto('/spaser');
  const mine = page.getByRole('table', { name: 'Les SPASER que vous êtes invité(e) à relire' });
  await expect(mine).toBeVisible();
  await expectAccessible(page, 'Mes SPASER, schémas à relire');
  await mine.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText('Vous êtes invité(e) à relire ce schéma : il est en lecture seule pour vous.', { exact: false })).toBeVisible();
  // Read-only: no save button anywhere, the fields disabled.
  await expect(page.getByRole('button', { name: 'Enregistrer cette partie' })).toHaveCount(0);
  await expect(page.locator('#axe-0-titre')).toBeDisabled();
  const axes = page.getByRole('region', { name: 'Relecture — Axes, objectifs et actions' });
  await expect(axes.getByText('Aucune discussion ouverte sur cette partie.')).toBeVisible();
  await axes.getByRole('button', { name: 'Commenter cette partie' }).click();
  await expect(axes.getByText('Écrivez votre commentaire.').first()).toBeVisible();
  await axes.getByLabel('Nouveau commentaire sur « Axes, objectifs et actions »').fill(COMMENT);
  await axes.getByRole('button', { name: 'Commenter cette partie' }).click();
  await expect(axes.getByText('Commentaire publié dans la relecture.')).toBeVisible();
  const thread = axes.getByRole('article', { name: 'Discussion 1 — Axes, objectifs et actions' });
  await expect(thread.getByText(COMMENT)).toBeVisible();
  await expect(thread.getByText('Farid Benali (vous)', { exact: false })).toBeVisible();
  await expect(axes.getByText('1 discussion ouverte, 0 résolue.')).toBeVisible();
  await expectAccessible(page, 'SPASER en relecture, commentaire publié');
  // The panel at 375 px, without sideways scrolling.
  await page.setViewportSize({ width: 375, height: 812 });
  await thread.scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(page, 'SPASER en relecture à 375 px');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The editor sees it, replies and resolves it.
  await signedIn(page, EDITOR);
  await page.goto('/spaser');
  await page.getByRole('link', { name: TITLE }).click();
  const editorAxes = page.getByRole('region', { name: 'Relecture — Axes, objectifs et actions' });
  const editorThread = editorAxes.getByRole('article', { name: 'Discussion 1 — Axes, objectifs et actions' });
  await expect(editorThread.getByText(COMMENT)).toBeVisible();
  await editorThread.getByLabel('Votre réponse').fill(REPLY);
  await editorThread.getByRole('button', { name: 'Répondre' }).click();
  await expect(editorThread.getByText('Réponse ajoutée.')).toBeVisible();
  await expect(editorThread.getByText(REPLY)).toBeVisible();
  await expectAccessible(page, 'SPASER, réponse dans la relecture');
  await editorThread.getByRole('button', { name: 'Marquer comme résolue' }).click();
  await expect(editorAxes.getByText('Aucune discussion ouverte sur cette partie.')).toBeVisible();
  await expect(editorAxes.getByText('0 discussion ouverte, 1 résolue.')).toBeVisible();
  await editorAxes.getByLabel('Afficher').selectOption({ label: 'Discussions résolues' });
  await expect(editorThread.getByText(/^Résolue le .+ par Aurélie Roux$/)).toBeVisible();
  await expect(editorThread.getByRole('button', { name: 'Rouvrir la discussion' })).toBeVisible();
  await expectAccessible(page, 'SPASER, discussion résolue');

  // Farid is told it was resolved.
  await signedIn(page, FACILITATOR);
  await page.goto('/notifications');
  await expect(page.getByText(`Aurélie Roux a marqué comme résolue votre discussion de la partie « Axes, objectifs et actions » du SPASER « ${TITLE} ».`).first()).toBeVisible();
  await expectAccessible(page, 'notifications du relecteur');
});
