/** One entry per typed failure: the HTTP status and the French message shown to the user. */
export type FailureSpec = { status: number; message: string };

const registry = new Map<string, FailureSpec>([
  ['NOT_FOUND', { status: 404, message: "Cette page ou cette ressource n'existe pas." }],
  ['UNAUTHENTICATED', { status: 401, message: 'Connectez-vous pour continuer.' }],
  ['FORBIDDEN', { status: 403, message: "Vous n'avez pas les droits nécessaires pour cette action." }],
  [
    'NOT_VERIFIED_MEMBER',
    {
      status: 403,
      message:
        "Cette action est réservée aux membres vérifiés d'une organisation acheteuse. Demandez à rejoindre votre organisation depuis « Mon organisation ».",
    },
  ],
  ['CSRF', { status: 403, message: 'La page a expiré. Rechargez-la puis recommencez.' }],
  ['VALIDATION', { status: 400, message: 'Certains champs sont invalides : corrigez-les puis recommencez.' }],
  ['CONFLICT', { status: 409, message: 'Cette action entre en conflit avec une autre modification.' }],
  ['RATE_LIMITED', { status: 429, message: 'Trop de tentatives. Patientez quelques minutes puis recommencez.' }],
  ['INTERNAL', { status: 500, message: 'Une erreur inattendue est survenue. Réessayez dans un instant.' }],
]);

/** Each module registers its failures at import time; a duplicate code is a programming error. */
export function registerFailures(specs: Record<string, FailureSpec>): void {
  for (const [code, spec] of Object.entries(specs)) {
    if (registry.has(code)) throw new Error(`failure code registered twice: ${code}`);
    registry.set(code, spec);
  }
}

export function failureSpec(code: string): FailureSpec {
  const spec = registry.get(code);
  if (!spec) throw new Error(`unregistered failure code: ${code}`);
  return spec;
}
