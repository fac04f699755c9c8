// French elision, for names and titles put after « de », « le », « que »… in UI copy and e-mails:
// « Groupe d'Aurélie », « membre vérifié d'Ajaccio », but « Groupe de Marc ». Shared by the server
// and the web app.

// Words whose h is aspirated (no elision: « de Hongrie », « le handicap »); first names with h take it (d'Hélène).
const ASPIRATED_H = ['hache', 'haie', 'haine', 'hall', 'halte', 'hameau', 'hamac', 'handicap', 'hangar', 'harcèlement', 'hardi', 'haricot', 'hasard', 'hâte', 'haut', 'hauteur', 'havre', 'héros', 'hérisson', 'hibou', 'hiérarchie', 'hockey', 'hollande', 'homard', 'hongrie', 'honte', 'hors', 'houille', 'huit', 'hurler'];

const VOWEL = /^[aeiouàâäéèêëîïôöùûüæœ]/i;

/** Whether a word starting this text takes the elided form (d', l', qu') before it. */
export function startsWithVowelSound(text: string): boolean {
  const word = text.trim().replace(/^[«"“(\s]+/, '');
  if (VOWEL.test(word)) return true;
  // Y sounds as a vowel before a consonant (Yves, Yvelines), as a consonant before a vowel (Yann, yaourt).
  if (/^y[^aeiouàâäéèêëîïôöùûü]/i.test(word)) return true;
  if (/^h/i.test(word)) {
    const lower = word.toLowerCase();
    return !ASPIRATED_H.some((a) => lower === a || lower.startsWith(`${a}s`) || new RegExp(`^${a}\\b`).test(lower));
  }
  return false;
}

type Elidable = 'de' | 'le' | 'la' | 'que' | 'je' | 'ne' | 'se' | 'me' | 'te';

/** The word followed by `text`, elided when it must be: elide('de', 'Aurélie') → « d'Aurélie ». */
export function elide(word: Elidable, text: string): string {
  if (!startsWithVowelSound(text)) return `${word} ${text}`;
  const stem = word === 'que' ? 'qu' : word.slice(0, -1);
  return `${stem}'${text}`;
}

/** « de » + text, elided: de('Aurélie Roux') → « d'Aurélie Roux », de('Marc') → « de Marc ». */
export const de = (text: string) => elide('de', text);
