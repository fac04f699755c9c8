import { describe, expect, it } from 'vitest';
import { notificationSentence } from '../server/helpspace/helpspace.notifications.js';
import { organisationMails } from '../server/organisations/organisations.messages.js';
import { adminLabels } from '../web/admin/labels.js';
import { codevLabels } from '../web/codev/labels.js';
import { de, elide, startsWithVowelSound } from './french.js';

// Issue 13, item 9: « Groupe de Aurélie » must read « Groupe d'Aurélie ».
describe('item 9: French elision', () => {
  it.each([
    ['Aurélie Roux', "d'Aurélie Roux"],
    ['Émilie', "d'Émilie"],
    ['Hélène', "d'Hélène"],
    ['Yves', "d'Yves"],
    ['Ajaccio', "d'Ajaccio"],
    ['Œuvre commune', "d'Œuvre commune"],
    ['Marc Rossi', 'de Marc Rossi'],
    ['Yann', 'de Yann'],
    ['Hongrie', 'de Hongrie'],
    ['handicap', 'de handicap'],
    ['Lyon', 'de Lyon'],
  ])('item 9: de + %s → %s', (name, expected) => {
    expect(de(name)).toBe(expected);
  });

  it('item 9: le and que elide too; a word starting with a consonant keeps the full form', () => {
    expect(elide('le', 'atelier')).toBe("l'atelier");
    expect(elide('le', 'hasard')).toBe('le hasard');
    expect(elide('que', 'elle')).toBe("qu'elle");
    expect(elide('que', 'Marc')).toBe('que Marc');
    expect(startsWithVowelSound('« Achats durables »')).toBe(true);
  });
});

describe('item 9: the copy uses it', () => {
  it("item 9: « Groupe d'Aurélie Roux », « Rôle d'Aurélie Roux », « Nouvelle question d'Aurélie Roux », « membre vérifié d'Ajaccio »", () => {
    expect(codevLabels.cohort.groupOf('Aurélie Roux')).toBe("Groupe d'Aurélie Roux");
    expect(codevLabels.cohort.groupOf('Claire Martin')).toBe('Groupe de Claire Martin');
    expect(adminLabels.users.roleFor('Aurélie Roux')).toBe("Rôle d'Aurélie Roux");
    expect(notificationSentence('new_question', 'Aurélie Roux', 'Clauses')).toBe("Nouvelle question d'Aurélie Roux : « Clauses ».");
    expect(notificationSentence('new_question', null, 'Clauses')).toBe("Nouvelle question d'un membre : « Clauses ».");
    expect(organisationMails.decision({ firstName: 'Marc', organisationName: 'Ajaccio', approved: true, url: 'http://x', contactUrl: 'http://x/contact' }).subject).toBe("Vous êtes membre vérifié d'Ajaccio");
  });
});
