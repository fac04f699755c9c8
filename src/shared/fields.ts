import { z } from 'zod';

// Field schemas shared by several contracts, with their French messages. Imports nothing but zod,
// so the web app validates forms with the very same rules as the API.
z.config(z.locales.fr());

export const emailField = z
  .string({ error: "Saisissez l'adresse e-mail." })
  .trim()
  .toLowerCase()
  .min(1, "Saisissez l'adresse e-mail.")
  .max(254, "L'adresse e-mail est trop longue.")
  .pipe(z.email({ error: "L'adresse e-mail n'est pas valide (exemple : prenom.nom@ville.fr)." }));

export const PASSWORD_MIN = 12;
export const newPasswordField = z
  .string({ error: 'Saisissez un mot de passe.' })
  .min(PASSWORD_MIN, `Le mot de passe doit comporter au moins ${PASSWORD_MIN} caractères.`)
  .max(128, 'Le mot de passe ne peut dépasser 128 caractères.');

export const nameField = (label: string) =>
  z
    .string({ error: `Saisissez ${label}.` })
    .trim()
    .min(1, `Saisissez ${label}.`)
    .max(80, `${label[0]!.toUpperCase()}${label.slice(1)} ne peut dépasser 80 caractères.`);

export const uuidParam = z.uuid({ error: 'Identifiant invalide.' });

/** SIREN: 9 digits with a valid Luhn key (La Poste's 356000000 is the documented exception). */
export function isValidSiren(s: string): boolean {
  if (!/^\d{9}$/.test(s)) return false;
  if (s === '356000000') return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(s[8 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const sirenField = z
  .string({ error: 'Saisissez le SIREN.' })
  .transform((s) => s.replace(/\s/g, ''))
  .refine((s) => /^\d{9}$/.test(s), 'Le SIREN comporte 9 chiffres.')
  .refine(isValidSiren, "Ce SIREN n'est pas valide (clé de contrôle incorrecte).");

/** The 18 régions since 2016 by INSEE code, for when the territories table is not imported (fresh install, tests). */
export const regionNames: Record<string, string> = {
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
  '11': 'Île-de-France',
  '24': 'Centre-Val de Loire',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '32': 'Hauts-de-France',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '84': 'Auvergne-Rhône-Alpes',
  '93': 'Provence-Alpes-Côte d’Azur',
  '94': 'Corse',
};

export const regionCodes = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'] as const;

/** The themes of expertise shared by profiles, the help space and matching. */
export const themes = {
  gouvernance: 'Gouvernance',
  indicateurs: 'Indicateurs et suivi',
  parties_prenantes: 'Coopération avec les parties prenantes',
  clauses_sociales: 'Clauses sociales et insertion',
  clauses_environnementales: 'Clauses environnementales',
  economie_circulaire: 'Économie circulaire',
  commerce_equitable: 'Commerce équitable',
  alimentation: 'Alimentation',
  travaux: 'Travaux',
  numerique: 'Numérique',
  energie: 'Énergie',
  autre: 'Autre',
} as const;
export type Theme = keyof typeof themes;
export const themeKeys = Object.keys(themes) as [Theme, ...Theme[]];

/** At most this many themes on an event or a co-development case (as on a library resource). */
export const THEMES_MAX = 5;
/** A list of themes of the one list, each once (events, co-development cases; issue 23, item 9). */
export const themeListField = z
  .array(z.enum(themeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }), { error: 'Choisissez les thèmes dans la liste.' })
  .max(THEMES_MAX, `${THEMES_MAX} thèmes au plus.`)
  .transform((l) => [...new Set(l)]);

/**
 * One-line texts that reach calendars (.ics), e-mail subjects and exports — cohort names, event
 * titles and places, co-development subjects — refuse line breaks and other control characters
 * (issue 11, item 3): a line break there is never meant, and in a calendar it would start a new property.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
export const isSingleLine = (s: string): boolean => !CONTROL_CHARACTERS.test(s);
/** The French message of that refusal, for a field named with its article (« Le titre »). */
export const singleLineMessage = (what: string) => `${what} tient sur une ligne : retirez les retours à la ligne, tabulations et autres caractères de contrôle.`;
