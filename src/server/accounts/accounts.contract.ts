import { z } from 'zod';
import { emailField, nameField, newPasswordField, regionCodes, themeKeys } from '../../shared/fields.js';
import { spaserStatusKeys } from '../spaser/spaser-status.contract.js';

export const TERMS_VERSION = '2026-11';

export const signUpBody = z.object({
  email: emailField,
  password: newPasswordField,
  firstName: nameField('le prénom'),
  lastName: nameField('le nom'),
  acceptTerms: z.literal(true, { error: "Acceptez les conditions d'utilisation pour créer votre compte." }),
});

export const loginBody = z.object({
  email: emailField,
  password: z.string({ error: 'Saisissez le mot de passe.' }).min(1, 'Saisissez le mot de passe.').max(128),
  remember: z.boolean().default(false),
});

export const tokenBody = z.object({
  token: z.string({ error: 'Le lien est incomplet.' }).min(10, 'Le lien est incomplet.').max(100, 'Le lien est invalide.'),
});

export const emailBody = z.object({ email: emailField });

export const resetPasswordBody = tokenBody.extend({ password: newPasswordField });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, 'Saisissez votre mot de passe actuel.').max(128),
  newPassword: newPasswordField,
});

export const deleteAccountBody = z.object({
  password: z.string({ error: 'Saisissez votre mot de passe.' }).min(1, 'Saisissez votre mot de passe.').max(128, 'Le mot de passe ne peut dépasser 128 caractères.'),
  confirm: z.literal(true, { error: 'Cochez la case pour confirmer la suppression définitive de votre compte.' }),
});

export const profileBody = z.object({
  firstName: nameField('le prénom'),
  lastName: nameField('le nom'),
  jobTitle: z.string().trim().max(120, "L'intitulé de poste ne peut dépasser 120 caractères."),
  regionCode: z.enum(regionCodes, { error: 'Choisissez une région de la liste.' }).nullable(),
  themes: z.array(z.enum(themeKeys, { error: 'Thème inconnu.' })).max(12),
  availableToHelp: z.boolean(),
  directoryVisibility: z.enum(['members', 'hidden'], { error: 'Choisissez une visibilité.' }),
});
export type ProfileInput = z.infer<typeof profileBody>;

export const membershipSummary = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  status: z.enum(['pending', 'verified', 'rejected']),
  createdAt: z.string(),
});

export const me = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['member', 'facilitator', 'admin']),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string(),
  regionCode: z.string().nullable(),
  themes: z.array(z.string()),
  availableToHelp: z.boolean(),
  directoryVisibility: z.enum(['members', 'hidden']),
  memberships: z.array(membershipSummary),
  verified: z.boolean(),
  // Useful answers in the community help space ("a aidé 12 acheteurs").
  usefulAnswersCount: z.number(),
});
export type Me = z.infer<typeof me>;

export const sessionResponse = z.object({ user: me.nullable(), csrfToken: z.string() });

export const okResponse = z.object({ ok: z.literal(true), message: z.string().optional(), redirectTo: z.string().optional() });

export const directoryQuery = z.object({
  q: z.string().trim().max(100).optional(),
  region: z.enum(regionCodes).optional(),
  theme: z.enum(themeKeys).optional(),
  available: z.enum(['true', 'false']).optional(),
  // « pertinence »: ranked for the viewer's organisation as « Trouver de l'aide » ranks (issue 20, item 7).
  sort: z.enum(['name', 'relevance'], { error: 'Tri inconnu : par nom ou par pertinence.' }).default('name'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const directoryEntry = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string(),
  regionCode: z.string().nullable(),
  themes: z.array(z.string()),
  availableToHelp: z.boolean(),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  usefulAnswersCount: z.number(),
  // Sorted by relevance: why this member ranks where they do (the suggestions' sentence).
  reason: z.string().optional(),
});
/** A member's profile as verified members see it (issue 20, item 3): never an e-mail address. */
export const memberProfile = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string(),
  regionCode: z.string().nullable(),
  themes: z.array(z.string()),
  availableToHelp: z.boolean(),
  // The viewer's own profile: shown even when hidden from the directory, with that said.
  self: z.boolean(),
  visible: z.boolean(),
  organisations: z.array(
    z.object({ id: z.string(), name: z.string(), spaserStatus: z.enum(spaserStatusKeys), spaserAdoptedOn: z.string().nullable() }),
  ),
  usefulAnswers: z.object({ total: z.number(), byTheme: z.array(z.object({ theme: z.string().nullable(), count: z.number() })) }),
  cohorts: z.array(z.object({ id: z.string(), name: z.string(), edition: z.number(), role: z.enum(['sponsor', 'facilitator', 'participant']), startsOn: z.string() })),
});
export type MemberProfile = z.infer<typeof memberProfile>;

export const directoryResponse = z.object({
  items: z.array(directoryEntry),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const adminUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(['member', 'facilitator', 'admin']).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export const adminUser = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(['member', 'facilitator', 'admin']),
  emailVerified: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export const adminUsersResponse = z.object({ items: z.array(adminUser), total: z.number(), page: z.number(), pageSize: z.number() });
export const adminUserPatch = z.object({
  role: z.enum(['member', 'facilitator', 'admin'], { error: 'Choisissez un rôle.' }).optional(),
  disabled: z.boolean().optional(),
});
