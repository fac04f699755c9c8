import { describe, expect, it } from 'vitest';
import { groupCount, groupProblem, suggestGroups, type Candidate } from './suggest.js';

const person = (id: string, org: string | null, kind: string | null): Candidate => ({
  userId: id,
  name: id,
  organisationId: org,
  organisationName: org ? `Org ${org}` : null,
  organisationKind: kind,
});
const ids = (groups: Candidate[][]) => groups.map((g) => g.map((p) => p.userId));

describe('group count (5 to 8 people per group)', () => {
  it('takes the fewest groups that keep every group between 5 and 8', () => {
    // 5..8 → 1 group; 9 → 2 groups would be 4.5 each (impossible); 10..16 → 2; 30 → 4 (7 or 8).
    expect([4, 5, 8, 9, 10, 16, 17, 30].map(groupCount)).toEqual([null, 1, 1, null, 2, 2, 3, 4]);
  });
});

describe('suggestGroups', () => {
  it('deals 12 people of 12 organisations into 2 groups of 6, each kind split evenly', () => {
    // 6 communes (c1..c6), 4 EPCI (e1..e4), 2 départements (d1, d2). Sorted: communes (most frequent
    // kind), then EPCI, then départements; dealt in turn to groups A, B.
    const people = [
      ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((x) => person(x, x, 'commune')),
      ...['e1', 'e2', 'e3', 'e4'].map((x) => person(x, x, 'epci')),
      ...['d1', 'd2'].map((x) => person(x, x, 'departement')),
    ];
    const r = suggestGroups(people.reverse());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(ids(r.groups)).toEqual([
      ['c1', 'c3', 'c5', 'e1', 'e3', 'd1'],
      ['c2', 'c4', 'c6', 'e2', 'e4', 'd2'],
    ]);
  });

  it('never puts two people of one organisation together', () => {
    // 10 people, 2 groups; organisation X has 2 people (x1, x2), Y has 2 (y1, y2), all communes.
    const people = [
      person('x1', 'X', 'commune'),
      person('x2', 'X', 'commune'),
      person('y1', 'Y', 'commune'),
      person('y2', 'Y', 'commune'),
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((x) => person(x, x, 'commune')),
    ];
    const r = suggestGroups(people);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Sorted by organisation id: X, Y, a … f → x1 A, x2 B, y1 A, y2 B, a A, b B, c A, d B, e A, f B.
    expect(ids(r.groups)).toEqual([
      ['x1', 'y1', 'a', 'c', 'e'],
      ['x2', 'y2', 'b', 'd', 'f'],
    ]);
    for (const g of r.groups) expect(groupProblem(g)).toBeNull();
  });

  it('says when the constraints cannot be met', () => {
    expect(suggestGroups(['a', 'b', 'c', 'd'].map((x) => person(x, x, 'commune')))).toEqual({ ok: false, failure: { reason: 'too_few', count: 4 } });
    expect(suggestGroups(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((x) => person(x, x, 'commune')))).toEqual({ ok: false, failure: { reason: 'sizes', count: 9 } });
    // 10 people make 2 groups: 3 people of organisation X cannot be apart.
    const people = [...['x1', 'x2', 'x3'].map((x) => person(x, 'X', 'epci')), ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => person(x, x, 'commune'))];
    expect(suggestGroups(people)).toEqual({ ok: false, failure: { reason: 'same_organisation', organisationName: 'Org X', people: 3, groups: 2 } });
  });

  it('counts people without an organisation as organisations of their own', () => {
    const r = suggestGroups(['a', 'b', 'c', 'd', 'e'].map((x) => person(x, null, null)));
    expect(r.ok && ids(r.groups)).toEqual([['a', 'b', 'c', 'd', 'e']]);
  });
});

describe('groupProblem (a group as edited)', () => {
  it('checks the size and the organisations', () => {
    expect(groupProblem(['a', 'b', 'c', 'd'].map((x) => person(x, x, 'commune')))).toEqual({ reason: 'size', count: 4 });
    expect(groupProblem([person('a', 'X', 'epci'), person('b', 'X', 'epci'), ...['c', 'd', 'e'].map((x) => person(x, x, 'commune'))])).toEqual({ reason: 'same_organisation', organisationName: 'Org X' });
  });
});
