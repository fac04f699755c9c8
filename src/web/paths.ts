// Every URL of the web app is built here (DESIGN §4.10); the server uses `isKnownPage` to answer
// unknown addresses with a real 404 status. French, readable paths.
export const paths = {
  home: () => '/',
  signUp: () => '/inscription',
  logIn: (next?: string) => (next ? `/connexion?suite=${encodeURIComponent(next)}` : '/connexion'),
  verifyEmail: () => '/confirmer-email',
  forgotPassword: () => '/mot-de-passe/oubli',
  resetPassword: () => '/mot-de-passe/nouveau',
  profile: () => '/mon-profil',
  myOrganisation: () => '/mon-organisation',
  organisations: (q?: string) => (q ? `/organisations?q=${encodeURIComponent(q)}` : '/organisations'),
  organisation: (id: string) => `/organisations/${id}`,
  directory: () => '/annuaire',
  admin: () => '/admin',
  adminUsers: () => '/admin/utilisateurs',
  adminOrganisations: () => '/admin/organisations',
  accessibility: () => '/accessibilite',
  legal: () => '/mentions-legales',
  privacy: () => '/donnees-personnelles',
  terms: () => '/conditions-utilisation',
  sitemap: () => '/plan-du-site',
  helpHome: () => '/entraide',
  helpSpace: (id: string) => `/entraide/espaces/${id}`,
  helpQuestion: (id: string) => `/entraide/questions/${id}`,
  helpAsk: (spaceId?: string) => (spaceId ? `/entraide/poser-une-question?espace=${encodeURIComponent(spaceId)}` : '/entraide/poser-une-question'),
  helpSearch: (q?: string) => (q ? `/entraide/recherche?q=${encodeURIComponent(q)}` : '/entraide/recherche'),
  helpModeration: () => '/entraide/moderation',
  notifications: () => '/notifications',
  notificationPreferences: () => '/notifications/preferences',
  observatory: () => '/observatoire',
  decpUpload: () => '/observatoire/import-decp',
  unsubscribe: (token?: string) => (token ? `/notifications/desabonnement?jeton=${encodeURIComponent(token)}` : '/notifications/desabonnement'),
} as const;

/** Patterns of the pages the app renders (`:x` is one path segment). */
export const pagePatterns: string[] = [
  '/',
  '/inscription',
  '/connexion',
  '/confirmer-email',
  '/mot-de-passe/oubli',
  '/mot-de-passe/nouveau',
  '/mon-profil',
  '/mon-organisation',
  '/organisations',
  '/organisations/:id',
  '/annuaire',
  '/admin',
  '/admin/utilisateurs',
  '/admin/organisations',
  '/accessibilite',
  '/mentions-legales',
  '/donnees-personnelles',
  '/conditions-utilisation',
  '/plan-du-site',
  '/entraide',
  '/entraide/espaces/:id',
  '/entraide/questions/:id',
  '/entraide/poser-une-question',
  '/entraide/recherche',
  '/entraide/moderation',
  '/notifications',
  '/notifications/preferences',
  '/notifications/desabonnement',
  '/observatoire',
  '/observatoire/import-decp',
];

const compiled = pagePatterns.map((p) => new RegExp(`^${p.replace(/:[a-zA-Z]+/g, '[^/]+')}/?$`));

export function isKnownPage(pathname: string): boolean {
  return compiled.some((r) => r.test(pathname));
}
