import type { SpaserDocument } from './document.contract.js';

/**
 * Comparison of two versions of a SPASER (issue 19, item 1): what was added, removed or changed
 * between two documents — axes, objectives with their actions, indicators with their figures per
 * buyer. Items are matched by their `id` (the builder gives each one a stable id), never by their
 * title, so a renamed objective is « changed », not « removed » and « added ». Pure: no database,
 * no French (the web app labels the result).
 */

type Content = SpaserDocument['content'];
type Axis = Content['axes'][number];
type Objective = Axis['objectives'][number];
type Action = Objective['actions'][number];
type Indicator = Content['indicators'][number];
type BuyerFigures = Indicator['perBuyer'][number];

/** One field that differs: its name, the value before and after (a union, one member per field). */
export type FieldChange<T, K extends keyof T> = { [P in K]: { field: P; from: T[P]; to: T[P] } }[K];

export type HeaderFields = Pick<SpaserDocument, 'title' | 'periodStart' | 'periodEnd' | 'adoptedOn' | 'adoptionReference'>;
const headerFields = ['title', 'periodStart', 'periodEnd', 'adoptedOn', 'adoptionReference'] as const;

export type AxisSummary = { id: string; title: string };
export type AxisChange = { id: string; title: string; fields: FieldChange<{ title: string }, 'title'>[] };

/** An objective with where it sits (its axis), for the lists of added and removed ones. */
export type ObjectiveEntry = { axisId: string; axisTitle: string; objective: Objective };
export type ObjectiveFields = { title: string; tags: string[]; axis: AxisSummary };
export type ActionFields = Omit<Action, 'id'>;
const actionFields = ['title', 'owner', 'deadline', 'status', 'families', 'tags'] as const;
export type ActionChange = { id: string; title: string; fields: FieldChange<ActionFields, keyof ActionFields>[] };
export type ObjectiveChange = {
  id: string;
  title: string;
  axisTitle: string;
  fields: FieldChange<ObjectiveFields, keyof ObjectiveFields>[];
  actions: { added: Action[]; removed: Action[]; changed: ActionChange[] };
};

export type IndicatorFields = Pick<Indicator, 'name' | 'category' | 'unit' | 'definition' | 'objectiveId'>;
const indicatorFields = ['name', 'category', 'unit', 'definition', 'objectiveId'] as const;
/** A target or a value of one year: null on one side when that year is absent there. */
export type YearChange = { year: number; from: number | null; to: number | null };
export type BuyerFiguresChange = {
  organisationId: string;
  name: string;
  // « added » / « removed »: the buyer has figures on one side only.
  state: 'added' | 'removed' | 'changed';
  baseline: { from: { year: number; value: number } | null; to: { year: number; value: number } | null } | null;
  targets: YearChange[];
  values: YearChange[];
};
export type IndicatorChange = { id: string; name: string; fields: FieldChange<IndicatorFields, keyof IndicatorFields>[]; perBuyer: BuyerFiguresChange[] };

/** The parts compared only as a whole: whether they differ. */
export const textSections = ['preamble', 'diagnostic', 'governance', 'stakeholders', 'publication'] as const;
export type TextSection = (typeof textSections)[number];

export type DocumentComparison = {
  header: FieldChange<HeaderFields, keyof HeaderFields>[];
  buyers: { added: { organisationId: string; name: string }[]; removed: { organisationId: string; name: string }[] };
  axes: { added: AxisSummary[]; removed: AxisSummary[]; changed: AxisChange[]; unchanged: number };
  objectives: { added: ObjectiveEntry[]; removed: ObjectiveEntry[]; changed: ObjectiveChange[]; unchanged: number };
  indicators: { added: Indicator[]; removed: Indicator[]; changed: IndicatorChange[]; unchanged: number };
  sections: TextSection[];
  // True when nothing at all differs.
  identical: boolean;
};

/** Structural equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameValue(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameValue(ao[k], bo[k])) return false;
  return true;
}

// Tags and purchase families are sets: their order is not a change.
const sameSet = (a: readonly string[], b: readonly string[]) => sameValue([...a].sort(), [...b].sort());

function fieldChanges<T, K extends keyof T>(from: T, to: T, keys: readonly K[], equal: (k: K, a: T[K], b: T[K]) => boolean = (_k, a, b) => sameValue(a, b)): FieldChange<T, K>[] {
  const out: FieldChange<T, K>[] = [];
  for (const k of keys) if (!equal(k, from[k], to[k])) out.push({ field: k, from: from[k], to: to[k] } as FieldChange<T, K>);
  return out;
}

/** Items of two lists matched by id: those only in `to`, only in `from`, and the pairs. */
function matchById<T extends { id: string }>(from: readonly T[], to: readonly T[]) {
  const before = new Map(from.map((x) => [x.id, x]));
  const after = new Map(to.map((x) => [x.id, x]));
  return {
    added: to.filter((x) => !before.has(x.id)),
    removed: from.filter((x) => !after.has(x.id)),
    pairs: to.filter((x) => before.has(x.id)).map((x) => [before.get(x.id)!, x] as const),
  };
}

function objectivesOf(axes: readonly Axis[]) {
  return axes.flatMap((axis) => axis.objectives.map((o) => ({ id: o.id, axis, objective: o })));
}

function compareActions(from: readonly Action[], to: readonly Action[]): ObjectiveChange['actions'] {
  const m = matchById(from, to);
  const changed: ActionChange[] = [];
  for (const [a, b] of m.pairs) {
    const fields = fieldChanges<ActionFields, keyof ActionFields>(a, b, actionFields, (k, x, y) =>
      k === 'tags' || k === 'families' ? sameSet(x as string[], y as string[]) : sameValue(x, y),
    );
    if (fields.length) changed.push({ id: b.id, title: b.title, fields });
  }
  return { added: m.added, removed: m.removed, changed };
}

/** Year → value of a list of targets or figures (the builder keeps one per year). */
const byYear = (list: readonly { year: number; value: number }[]) => new Map(list.map((x) => [x.year, x.value]));

function compareYears(from: readonly { year: number; value: number }[], to: readonly { year: number; value: number }[]): YearChange[] {
  const a = byYear(from);
  const b = byYear(to);
  const years = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  return years.filter((y) => a.get(y) !== b.get(y)).map((year) => ({ year, from: a.get(year) ?? null, to: b.get(year) ?? null }));
}

const baselineOf = (f: BuyerFigures | undefined) => (f?.baseline ? { year: f.baseline.year, value: f.baseline.value } : null);

function compareFigures(from: readonly BuyerFigures[], to: readonly BuyerFigures[], buyerName: (id: string) => string): BuyerFiguresChange[] {
  const before = new Map(from.map((f) => [f.organisationId, f]));
  const after = new Map(to.map((f) => [f.organisationId, f]));
  const ids = [...to.map((f) => f.organisationId), ...from.map((f) => f.organisationId).filter((id) => !after.has(id))];
  const out: BuyerFiguresChange[] = [];
  for (const organisationId of ids) {
    const a = before.get(organisationId);
    const b = after.get(organisationId);
    const baseline = sameValue(baselineOf(a), baselineOf(b)) ? null : { from: baselineOf(a), to: baselineOf(b) };
    const targets = compareYears(a?.targets ?? [], b?.targets ?? []);
    // Values are compared by year and figure; their source and evidence are not part of the comparison.
    const values = compareYears(a?.values ?? [], b?.values ?? []);
    const state = !a ? 'added' : !b ? 'removed' : 'changed';
    if (state === 'changed' && !baseline && !targets.length && !values.length) continue;
    out.push({ organisationId, name: buyerName(organisationId), state, baseline, targets, values });
  }
  return out;
}

/** What changed from document `a` (the older, usually) to document `b`. */
export function compareDocuments(a: SpaserDocument, b: SpaserDocument): DocumentComparison {
  const names = new Map([...a.buyers, ...b.buyers].map((x) => [x.organisationId, x.name]));
  const buyerName = (id: string) => names.get(id) ?? id;

  const header = fieldChanges<HeaderFields, keyof HeaderFields>(a, b, headerFields);
  const buyerMatch = matchById(
    a.buyers.map((x) => ({ id: x.organisationId, name: x.name })),
    b.buyers.map((x) => ({ id: x.organisationId, name: x.name })),
  );
  const buyers = {
    added: buyerMatch.added.map((x) => ({ organisationId: x.id, name: x.name })),
    removed: buyerMatch.removed.map((x) => ({ organisationId: x.id, name: x.name })),
  };

  const axisMatch = matchById(a.content.axes, b.content.axes);
  const axesChanged: AxisChange[] = [];
  for (const [x, y] of axisMatch.pairs) {
    const fields = fieldChanges({ title: x.title }, { title: y.title }, ['title'] as const);
    if (fields.length) axesChanged.push({ id: y.id, title: y.title, fields });
  }
  const axes = {
    added: axisMatch.added.map((x) => ({ id: x.id, title: x.title })),
    removed: axisMatch.removed.map((x) => ({ id: x.id, title: x.title })),
    changed: axesChanged,
    unchanged: axisMatch.pairs.length - axesChanged.length,
  };

  // Objectives are matched across the whole document: one moved to another axis is « changed ».
  const objMatch = matchById(objectivesOf(a.content.axes), objectivesOf(b.content.axes));
  const entry = (o: { axis: Axis; objective: Objective }): ObjectiveEntry => ({ axisId: o.axis.id, axisTitle: o.axis.title, objective: o.objective });
  const objectivesChanged: ObjectiveChange[] = [];
  for (const [x, y] of objMatch.pairs) {
    const fx: ObjectiveFields = { title: x.objective.title, tags: x.objective.tags, axis: { id: x.axis.id, title: x.axis.title } };
    const fy: ObjectiveFields = { title: y.objective.title, tags: y.objective.tags, axis: { id: y.axis.id, title: y.axis.title } };
    const fields = fieldChanges<ObjectiveFields, keyof ObjectiveFields>(fx, fy, ['title', 'tags', 'axis'], (k, p, q) =>
      k === 'tags' ? sameSet(p as string[], q as string[]) : k === 'axis' ? (p as AxisSummary).id === (q as AxisSummary).id : sameValue(p, q),
    );
    const actions = compareActions(x.objective.actions, y.objective.actions);
    if (fields.length || actions.added.length || actions.removed.length || actions.changed.length) {
      objectivesChanged.push({ id: y.id, title: y.objective.title, axisTitle: y.axis.title, fields, actions });
    }
  }
  const objectives = {
    added: objMatch.added.map(entry),
    removed: objMatch.removed.map(entry),
    changed: objectivesChanged,
    unchanged: objMatch.pairs.length - objectivesChanged.length,
  };

  const indMatch = matchById(a.content.indicators, b.content.indicators);
  const indicatorsChanged: IndicatorChange[] = [];
  for (const [x, y] of indMatch.pairs) {
    const fields = fieldChanges<IndicatorFields, keyof IndicatorFields>(x, y, indicatorFields);
    const perBuyer = compareFigures(x.perBuyer, y.perBuyer, buyerName);
    if (fields.length || perBuyer.length) indicatorsChanged.push({ id: y.id, name: y.name, fields, perBuyer });
  }
  const indicators = {
    added: indMatch.added,
    removed: indMatch.removed,
    changed: indicatorsChanged,
    unchanged: indMatch.pairs.length - indicatorsChanged.length,
  };

  const sections = textSections.filter((s) => !sameValue(a.content[s], b.content[s]));
  const identical =
    !header.length &&
    !buyers.added.length &&
    !buyers.removed.length &&
    ![axes, objectives, indicators].some((g) => g.added.length || g.removed.length || g.changed.length) &&
    !sections.length;
  return { header, buyers, axes, objectives, indicators, sections, identical };
}
