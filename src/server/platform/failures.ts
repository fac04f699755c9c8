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
  // The database cannot be reached (platform/http.ts): the pool reconnects by itself at the first
  // request after it is back, so « quelques instants », not minutes.
  ['UNAVAILABLE', { status: 503, message: 'Le service est momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques instants.' }],
  // A write to the disk or the file store failed for lack of space (ENOSPC, EDQUOT): 507, the
  // server's fault (nothing to change in the request), nothing kept of the upload.
  ['STORAGE_FULL', { status: 507, message: "L'espace de stockage de la plateforme est plein : votre fichier n'a pas été enregistré. Réessayez plus tard ou prévenez l'équipe d'Entraide." }],
  // Requests the framework refuses before any route runs (platform/http.ts): never its English
  // message, never a piece of the request.
  ['BAD_REQUEST', { status: 400, message: 'La requête est mal formée.' }],
  ['METHOD_NOT_ALLOWED', { status: 405, message: "Cette méthode n'est pas acceptée ici." }],
  ['NOT_ACCEPTABLE', { status: 406, message: "Ce format de réponse n'est pas disponible." }],
  ['PAYLOAD_TOO_LARGE', { status: 413, message: 'Le contenu envoyé est trop volumineux.' }],
  ['URI_TOO_LONG', { status: 414, message: "L'adresse demandée est trop longue." }],
  ['UNSUPPORTED_MEDIA_TYPE', { status: 415, message: "Ce type de contenu n'est pas accepté." }],
  ['TOO_MANY_REQUESTS', { status: 429, message: 'Trop de requêtes. Patientez quelques instants puis recommencez.' }],
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
