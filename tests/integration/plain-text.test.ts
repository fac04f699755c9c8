import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { COMMUNITY_SPACE_ID } from '../../src/server/helpspace/helpspace.tables.js';
import { createResource } from '../../src/server/library/resources/resources.service.js';

/**
 * Issue 13, item 7: text leaves Markdown as plain text everywhere — the .ics description of an event,
 * the excerpts of help-space and library search. The same Markdown source (bold, italics, a link,
 * a bullet list, a numbered list, a heading, a quote) goes in; no Markdown syntax may come out.
 */
let t: TestContext;
const MARKDOWN = [
  '## Programme',
  '',
  'Un atelier **gras** et _clair_ sur le [guide des clauses](https://www.ecologie.gouv.fr/guide) :',
  '',
  '- réemploi du mobilier',
  '- clauses *sociales*',
  '',
  '1. diagnostic',
  '2. plan d’action',
  '',
  '> Venez nombreux.',
].join('\n');
// What Markdown syntax looks like in text: emphasis marks, link brackets, list marks at a line's start, headings, quotes.
const MARKDOWN_SYNTAX = /\*\*|\*[^*\s]|_[^_\s]+_|\]\(|\[[^\]]+\]|^\s*[-+*] |^#+ |^> /m;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-03-01T08:00:00Z'));
});
afterAll(() => t?.close());

describe('item 7: plain text wherever text leaves Markdown', () => {
  it('item 7: the .ics description is the plain text of the Markdown, paragraphs and list items kept, the link address in brackets', async () => {
    const facilitator = await t.loggedIn({ role: 'facilitator' });
    const created = await facilitator.agent.post('/api/events', {
      kind: 'webinar',
      title: 'Webinaire réemploi',
      description: MARKDOWN,
      speakers: [],
      startsAt: '2026-03-27T14:00',
      endsAt: '2026-03-27T15:00',
      onlineUrl: 'https://visio.example.fr/w',
      place: '',
      capacity: null,
      visibility: 'public',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const res = await t.agent().get(`/api/events/${id}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    const event = new ICAL.Component(ICAL.parse(res.body)).getFirstSubcomponent('vevent')!;
    const description = String(event.getFirstPropertyValue('description'));
    expect(description).toBe(
      [
        'Programme',
        '',
        'Un atelier gras et clair sur le guide des clauses (https://www.ecologie.gouv.fr/guide) :',
        '',
        '• réemploi du mobilier',
        '• clauses sociales',
        '',
        '1. diagnostic',
        '2. plan d’action',
        '',
        'Venez nombreux.',
        '',
        // A visitor, not registered, is not given the connection link.
        `Page de l'événement : ${t.deps.config.baseUrl}/agenda/${id}`,
      ].join('\n'),
    );
    expect(description).not.toMatch(MARKDOWN_SYNTAX);
  });

  it('item 7: a help-space search excerpt shows the words of a Markdown body, marked, without its syntax', async () => {
    const org = await t.createOrganisation({ kind: 'commune' });
    const member = (await t.loggedIn({ verifiedIn: [org.id] })).agent;
    const res = await member.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: 'Clauses de réemploi', body: MARKDOWN, theme: 'autre', tags: [] });
    expect(res.statusCode, res.body).toBe(201);
    const hit = (await t.agent().get('/api/help/search?q=atelier')).json().items[0];
    expect(hit.id).toBe(res.json().id);
    const text = hit.excerptHtml.replace(/<\/?mark>/g, '');
    expect(text).not.toMatch(MARKDOWN_SYNTAX);
    // The excerpt is the question's plain text around « atelier »: the heading, then the paragraph's words.
    expect(hit.excerptHtml).toContain('Programme Un <mark>atelier</mark> gras et clair sur le guide des clauses');
  });

  it('item 7: a library search excerpt shows the words of a Markdown body, marked, without its syntax', async () => {
    const r = await createResource(t.deps, { kind: 'guide', title: 'Guide du mobilier', body: MARKDOWN, publishedOn: '2025-01-15' }, [], { createdBy: null });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const hit = (await t.agent().get('/api/library/resources?q=diagnostic')).json().items[0];
    expect(hit.id).toBe(r.value.id);
    const text = hit.excerptHtml.replace(/<\/?mark>/g, '');
    expect(text).not.toMatch(MARKDOWN_SYNTAX);
    expect(hit.excerptHtml).toContain('réemploi du mobilier clauses sociales <mark>diagnostic</mark> plan d’action');
  });
});
