import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { listResponse } from '../../server/library/library.contract';
import type { DraftResponse } from '../../server/learning/learning.contract';
import { courseDocument, type CourseDocument } from '../../server/learning/learning.content';
import { spaserSectionKeys } from '../../server/spaser/spaser.contract';
import { MarkdownHelp } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError, query } from '../platform/api';
import { useDraft as useLocalDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { formatDateTime } from '../platform/format';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { ResultsStatus } from '../platform/results';
import { useSession } from '../platform/session';
import { learningApi, learningKey, useDraft } from './api';
import { durationText, learningLabels, practiceLabels } from './labels';

const L = learningLabels.editor;

// --- The document as the form holds it -----------------------------------------------------------
// Numbers and optional values are kept as typed (strings) so that an empty or half-typed field is
// never turned into something else; `toApi` converts them, and the contract's zod checks them.

type EChoice = { id: string; label: string; correct: boolean; explanation: string };
type EQuestion = { id: string; prompt: string; multiple: boolean; choices: EChoice[] };
type EQuiz = { passMark: string; maxAttempts: string; questions: EQuestion[] };
type ESource = { label: string; url: string };
type ELesson = {
  id: string;
  title: string;
  durationMinutes: string;
  body: string;
  videoUrl: string;
  resourceIds: string[];
  practice: string;
  sources: ESource[];
  quiz: EQuiz | null;
};
type EChapter = { id: string; title: string; lessons: ELesson[] };
type EDoc = { title: string; summary: string; enforceOrder: boolean; chapters: EChapter[] };
/** What is kept in this browser: the document, and the server's draft it started from. */
type Local = { doc: EDoc; base: string | null };

function fromApi(d: CourseDocument): EDoc {
  return {
    title: d.title,
    summary: d.summary,
    enforceOrder: d.enforceOrder,
    chapters: d.chapters.map((c) => ({
      id: c.id,
      title: c.title,
      lessons: c.lessons.map((l) => ({
        id: l.id,
        title: l.title,
        durationMinutes: String(l.durationMinutes),
        body: l.body,
        videoUrl: l.videoUrl ?? '',
        resourceIds: [...l.resourceIds],
        practice: l.practice ?? '',
        sources: l.sources.map((s) => ({ ...s })),
        quiz: l.quiz
          ? {
              passMark: String(l.quiz.passMark),
              maxAttempts: l.quiz.maxAttempts === null ? '' : String(l.quiz.maxAttempts),
              questions: l.quiz.questions.map((q) => ({ id: q.id, prompt: q.prompt, multiple: q.multiple, choices: q.choices.map((ch) => ({ ...ch })) })),
            }
          : null,
      })),
    })),
  };
}

/** An empty field is « missing » (undefined), not 0; a comma is read as a decimal point. */
const num = (s: string) => {
  const t = s.trim().replace(',', '.');
  return t === '' ? undefined : Number(t);
};

/** The lesson's duration for its summary line (0 while the field is empty or not a whole number). */
const minutesOf = (l: ELesson) => {
  const n = num(l.durationMinutes);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : 0;
};

function toApi(d: EDoc): unknown {
  return {
    title: d.title,
    summary: d.summary,
    enforceOrder: d.enforceOrder,
    chapters: d.chapters.map((c) => ({
      id: c.id,
      title: c.title,
      lessons: c.lessons.map((l) => ({
        id: l.id,
        title: l.title,
        durationMinutes: num(l.durationMinutes),
        body: l.body,
        videoUrl: l.videoUrl.trim() === '' ? null : l.videoUrl,
        resourceIds: l.resourceIds,
        practice: l.practice === '' ? null : l.practice,
        sources: l.sources,
        quiz: l.quiz
          ? {
              passMark: num(l.quiz.passMark),
              maxAttempts: l.quiz.maxAttempts.trim() === '' ? null : num(l.quiz.maxAttempts),
              questions: l.quiz.questions,
            }
          : null,
      })),
    })),
  };
}

function randomPart(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Every id used in the document, so a new one is never a duplicate. */
function usedIds(d: EDoc): Set<string> {
  const ids = new Set<string>();
  for (const c of d.chapters) {
    ids.add(c.id);
    for (const l of c.lessons) {
      ids.add(l.id);
      for (const q of l.quiz?.questions ?? []) {
        ids.add(q.id);
        for (const ch of q.choices) ids.add(ch.id);
      }
    }
  }
  return ids;
}

function newId(prefix: string, taken: Set<string>): string {
  for (;;) {
    const id = `${prefix}-${randomPart()}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

const newChoice = (t: Set<string>): EChoice => ({ id: newId('reponse', t), label: '', correct: false, explanation: '' });
const newQuestion = (t: Set<string>): EQuestion => ({ id: newId('question', t), prompt: '', multiple: false, choices: [newChoice(t), newChoice(t)] });
const newQuiz = (t: Set<string>): EQuiz => ({ passMark: '70', maxAttempts: '', questions: [newQuestion(t)] });
const newLesson = (t: Set<string>): ELesson => ({ id: newId('lecon', t), title: '', durationMinutes: '10', body: '', videoUrl: '', resourceIds: [], practice: '', sources: [], quiz: null });
const newChapter = (t: Set<string>): EChapter => ({ id: newId('chapitre', t), title: '', lessons: [newLesson(t)] });

/** Moves the item at `from` so that it takes the place of the item at `to`. */
function moveItem<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item!);
  return next;
}

// --- Ids of the inputs, and the API's error paths mapped to them ---------------------------------

const dom = {
  title: 'course-title',
  summary: 'course-summary',
  order: 'course-order',
  addChapter: 'course-add-chapter',
  chapter: (c: string, part: string) => `ch-${c}-${part}`,
  lesson: (l: string, part: string) => `le-${l}-${part}`,
  question: (l: string, q: string, part: string) => `le-${l}-q-${q}-${part}`,
  choice: (l: string, q: string, c: string, part: string) => `le-${l}-q-${q}-c-${c}-${part}`,
};

const chapterName = (c: EChapter, ci: number) => c.title.trim() || L.chapterN(ci + 1);
const lessonName = (l: ELesson, li: number) => l.title.trim() || L.lessonN(li + 1);
const questionName = (q: EQuestion, qi: number) => (q.prompt.trim() ? `${L.questionN(qi + 1)} ${L.named(q.prompt.trim().slice(0, 60))}` : L.questionN(qi + 1));

type Target = { id: string; label: string; lessonId?: string };

/**
 * Where an error of the document goes: `chapters.0.lessons.1.quiz.questions.0.choices` (the path of
 * the contract, the API's `document.` taken off) → the input's id and a label naming the item.
 */
function locate(path: (string | number)[], d: EDoc): Target | null {
  const [k0, ci, k2, li, k4, ...rest] = path;
  if (k0 === 'title') return { id: dom.title, label: L.titleField };
  if (k0 === 'summary') return { id: dom.summary, label: L.summaryField };
  if (k0 === 'enforceOrder') return { id: dom.order, label: L.enforceOrder };
  if (k0 !== 'chapters') return null;
  if (ci === undefined) return { id: dom.addChapter, label: L.outline };
  const c = d.chapters[Number(ci)];
  if (!c) return { id: dom.addChapter, label: L.outline };
  // Items named as their heading on the page names them (« Leçon 1 : sans titre » when the title is
  // empty): with chapterName/lessonName an untitled item read « Leçon 1 : Leçon 1 » in the summary.
  const where = L.heading(L.chapterN(Number(ci) + 1), c.title.trim() || L.untitled);
  if (k2 !== 'lessons') return { id: dom.chapter(c.id, 'title'), label: L.fieldIn(where, L.chapterTitle) };
  if (li === undefined) return { id: dom.chapter(c.id, 'add'), label: L.fieldIn(where, L.lessons) };
  const l = c.lessons[Number(li)];
  if (!l) return { id: dom.chapter(c.id, 'add'), label: L.fieldIn(where, L.lessons) };
  const lw = L.heading(L.lessonN(Number(li) + 1), l.title.trim() || L.untitled);
  const at = (part: string, label: string): Target => ({ id: dom.lesson(l.id, part), label: L.fieldIn(lw, label), lessonId: l.id });
  switch (k4) {
    case 'durationMinutes':
      return at('duration', L.duration);
    case 'body':
      return at('body', L.body);
    case 'videoUrl':
      return at('video', L.videoUrl);
    case 'practice':
      return at('practice', L.practice);
    case 'resourceIds':
      return at('resources', L.resources);
    case 'sources': {
      const [si, field] = rest;
      if (si === undefined || !l.sources[Number(si)]) return at('add-source', L.sources);
      const sn = L.sourceN(Number(si) + 1);
      return field === 'url' ? at(`src-${si}-url`, L.fieldIn(sn, L.sourceUrl)) : at(`src-${si}-label`, L.fieldIn(sn, L.sourceLabel));
    }
    case 'quiz': {
      const [qk, qi, qfield, chi, chfield] = rest;
      if (qk === 'passMark') return at('passmark', L.passMark);
      if (qk === 'maxAttempts') return at('attempts', L.maxAttempts);
      const q = qk === 'questions' && qi !== undefined ? l.quiz?.questions[Number(qi)] : undefined;
      if (qk !== 'questions' || !q) return at(l.quiz && qk === 'questions' ? 'add-question' : 'quiz', L.quiz);
      const qn = L.questionN(Number(qi) + 1);
      const atQ = (part: string, label: string): Target => ({ id: dom.question(l.id, q.id, part), label: L.fieldIn(lw, L.fieldIn(qn, label)), lessonId: l.id });
      if (qfield === 'multiple') return atQ('multiple', L.multiple);
      if (qfield !== 'choices') return atQ('prompt', L.question);
      const ch = chi === undefined ? undefined : q.choices[Number(chi)];
      if (!ch) return atQ('add-choice', L.choices);
      const cn = L.choiceN(Number(chi) + 1);
      const part = chfield === 'correct' ? 'correct' : chfield === 'explanation' ? 'explanation' : 'label';
      const label = chfield === 'correct' ? L.correct : chfield === 'explanation' ? L.explanation : L.choice;
      return { id: dom.choice(l.id, q.id, ch.id, part), label: L.fieldIn(lw, L.fieldIn(qn, L.fieldIn(cn, label))), lessonId: l.id };
    }
    default:
      return at('title', L.lessonTitle);
  }
}

// --- Page ----------------------------------------------------------------------------------------

/** /formations/:slug/modifier (staff): the editor of the course's draft, and its publication. */
export function CourseEditPage() {
  const { slug = '' } = useParams();
  const q = useDraft(slug);
  const { user, isLoading } = useSession();
  const breadcrumb = [{ label: learningLabels.catalogue.title, to: paths.courses() }];
  if (q.isPending || isLoading) return <PageLoading title={learningLabels.course.edit} breadcrumb={breadcrumb} />;
  if (q.isError)
    return (
      <Page title={learningLabels.course.edit} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={q.error.message} />
        <p className="fr-mt-2w">
          <Link to={paths.courses()}>{learningLabels.catalogue.title}</Link>
        </p>
      </Page>
    );
  return <Editor key={`${slug}.${user?.id ?? ''}`} slug={slug} server={q.data} draftKey={user ? `formation.${slug}.${user.id}` : null} refetch={q.refetch} />;
}

/** A small action button (move, remove, add…) with an id to take the focus back to. */
function ActionButton(props: { id?: string; icon: string; onClick: () => void; children: ReactNode; priority?: 'secondary' | 'tertiary'; describedBy?: string; expanded?: boolean; controls?: string }) {
  return (
    <button
      type="button"
      id={props.id}
      className={`fr-btn fr-btn--sm fr-btn--${props.priority ?? 'tertiary'} fr-btn--icon-left ${props.icon}`}
      aria-describedby={props.describedBy}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      // Long item names wrap instead of widening the page at 375 px.
      style={{ whiteSpace: 'normal', maxWidth: '100%', textAlign: 'left' }}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

function ErrorText({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="fr-error-text fr-mt-1v" id={id}>
      {message}
    </p>
  );
}

type Drag = { kind: 'chapter' | 'lesson'; id: string };

function Editor({ slug, server, draftKey, refetch }: { slug: string; server: DraftResponse; draftKey: string | null; refetch: () => Promise<{ data?: DraftResponse }> }) {
  const qc = useQueryClient();
  const initial = useMemo<Local>(() => ({ doc: fromApi(server.document), base: server.draftUpdatedAt }), [server]);
  const local = useLocalDraft<Local>(draftKey, initial, (a, b) => JSON.stringify(a.doc) === JSON.stringify(b.doc));
  const doc = local.value.doc;
  const docJson = JSON.stringify(doc);
  // The document as last loaded or saved: what differs from it is not on the server yet.
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(initial.doc));
  const dirty = docJson !== savedJson;
  const errors = useFormErrors();
  const [targets, setTargets] = useState<Record<string, Target>>({});
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState(0);
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const [titles, setTitles] = useState<Record<string, string>>(() => Object.fromEntries(server.resources.map((r) => [r.id, r.title])));
  const [drag, setDrag] = useState<Drag | null>(null);
  const [over, setOver] = useState<string | null>(null);

  useEffect(() => {
    setTitles((t) => ({ ...t, ...Object.fromEntries(server.resources.map((r) => [r.id, r.title])) }));
  }, [server.resources]);

  // The browser's copy is dropped once what it holds is on the server (after the render that took the save in).
  const [clearTick, setClearTick] = useState(0);
  const { clearDraft } = local;
  useEffect(() => {
    if (clearTick && docJson === savedJson) clearDraft();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clearTick]);

  // After a move, an addition or a removal, the focus goes to the element named here (the first found).
  const focusNext = useRef<string[] | null>(null);
  useLayoutEffect(() => {
    const wanted = focusNext.current;
    if (!wanted) return;
    focusNext.current = null;
    for (const id of wanted) {
      const el = document.getElementById(id);
      if (el) {
        el.focus();
        return;
      }
    }
  });

  const update = (f: (d: EDoc) => EDoc) => local.setValue((v) => ({ ...v, doc: f(v.doc) }));
  const setChapters = (f: (cs: EChapter[]) => EChapter[]) => update((d) => ({ ...d, chapters: f(d.chapters) }));
  const updLesson = (id: string, f: (l: ELesson) => ELesson) =>
    setChapters((cs) => cs.map((c) => (c.lessons.some((l) => l.id === id) ? { ...c, lessons: c.lessons.map((l) => (l.id === id ? f(l) : l)) } : c)));
  const updQuiz = (lessonId: string, f: (q: EQuiz) => EQuiz) => updLesson(lessonId, (l) => (l.quiz ? { ...l, quiz: f(l.quiz) } : l));
  const updQuestion = (lessonId: string, qid: string, f: (q: EQuestion) => EQuestion) => updQuiz(lessonId, (z) => ({ ...z, questions: z.questions.map((q) => (q.id === qid ? f(q) : q)) }));
  const setOpenLesson = (id: string, value: boolean) =>
    setOpen((s) => {
      const next = new Set(s);
      if (value) next.add(id);
      else next.delete(id);
      return next;
    });

  // Moves, by keyboard (buttons) and mouse (drag and drop).
  const moveChapter = (ci: number, by: -1 | 1) => {
    const id = doc.chapters[ci]!.id;
    focusNext.current = [dom.chapter(id, by < 0 ? 'up' : 'down'), dom.chapter(id, by < 0 ? 'down' : 'up')];
    setChapters((cs) => moveItem(cs, ci, ci + by));
  };
  const moveLesson = (lessonId: string, by: -1 | 1) => {
    focusNext.current = [dom.lesson(lessonId, by < 0 ? 'up' : 'down'), dom.lesson(lessonId, by < 0 ? 'down' : 'up')];
    setChapters((cs) => {
      const ci = cs.findIndex((c) => c.lessons.some((l) => l.id === lessonId));
      if (ci < 0) return cs;
      const li = cs[ci]!.lessons.findIndex((l) => l.id === lessonId);
      const lessons = cs[ci]!.lessons;
      const next = [...cs];
      if (li + by >= 0 && li + by < lessons.length) {
        next[ci] = { ...cs[ci]!, lessons: moveItem(lessons, li, li + by) };
        return next;
      }
      // At the edge of its chapter: into the end of the previous chapter, or the start of the next one.
      const target = ci + by;
      if (target < 0 || target >= cs.length) return cs;
      const lesson = lessons[li]!;
      next[ci] = { ...cs[ci]!, lessons: lessons.filter((l) => l.id !== lessonId) };
      next[target] = { ...cs[target]!, lessons: by < 0 ? [...cs[target]!.lessons, lesson] : [lesson, ...cs[target]!.lessons] };
      return next;
    });
  };
  const dropLesson = (lessonId: string, targetChapterId: string, targetIndex: number | null) =>
    setChapters((cs) => {
      const from = cs.findIndex((c) => c.lessons.some((l) => l.id === lessonId));
      const to = cs.findIndex((c) => c.id === targetChapterId);
      if (from < 0 || to < 0) return cs;
      const lesson = cs[from]!.lessons.find((l) => l.id === lessonId)!;
      const next = [...cs];
      if (from === to) {
        const li = cs[from]!.lessons.indexOf(lesson);
        next[from] = { ...cs[from]!, lessons: moveItem(cs[from]!.lessons, li, targetIndex ?? cs[from]!.lessons.length) };
        return next;
      }
      next[from] = { ...cs[from]!, lessons: cs[from]!.lessons.filter((l) => l.id !== lessonId) };
      const target = [...cs[to]!.lessons];
      target.splice(targetIndex ?? target.length, 0, lesson);
      next[to] = { ...cs[to]!, lessons: target };
      return next;
    });
  const dropChapter = (chapterId: string, targetIndex: number) =>
    setChapters((cs) => {
      const from = cs.findIndex((c) => c.id === chapterId);
      return from < 0 ? cs : moveItem(cs, from, targetIndex);
    });
  const endDrag = () => {
    setDrag(null);
    setOver(null);
  };
  const dragStart = (e: DragEvent, what: Drag, containerId: string) => {
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', what.id);
    const el = document.getElementById(containerId);
    if (el) e.dataTransfer.setDragImage(el, 16, 16);
    setDrag(what);
  };

  // Additions and removals.
  const addChapter = () => {
    const c = newChapter(usedIds(doc));
    focusNext.current = [dom.chapter(c.id, 'title')];
    setOpenLesson(c.lessons[0]!.id, true);
    setChapters((cs) => [...cs, c]);
  };
  const addLesson = (chapterId: string) => {
    const l = newLesson(usedIds(doc));
    focusNext.current = [dom.lesson(l.id, 'title')];
    setOpenLesson(l.id, true);
    setChapters((cs) => cs.map((c) => (c.id === chapterId ? { ...c, lessons: [...c.lessons, l] } : c)));
  };
  const removeChapter = (chapterId: string) => {
    focusNext.current = [dom.addChapter];
    setChapters((cs) => cs.filter((c) => c.id !== chapterId));
  };
  const removeLesson = (chapterId: string, lessonId: string) => {
    focusNext.current = [dom.chapter(chapterId, 'add')];
    setChapters((cs) => cs.map((c) => (c.id === chapterId ? { ...c, lessons: c.lessons.filter((l) => l.id !== lessonId) } : c)));
  };

  // Errors: the contract's paths (from the client's check or the API) → the inputs.
  const showErrors = (issues: [string, string][], sentDoc: EDoc) => {
    const found: Record<string, Target> = {};
    const messages: Record<string, string> = {};
    const toOpen: string[] = [];
    for (const [path, message] of issues) {
      const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      if (parts[0] === 'document') parts.shift();
      const t = locate(parts, sentDoc);
      const key = t?.id ?? path;
      if (messages[key]) continue;
      messages[key] = message;
      if (t) found[key] = t;
      if (t?.lessonId) toOpen.push(t.lessonId);
    }
    setOpen((s) => new Set([...s, ...toOpen]));
    setTargets(found);
    errors.show(L.errors, messages);
  };

  const saveNow = async (baseOverride?: string | null): Promise<boolean> => {
    const sent = doc;
    const sentJson = docJson;
    const parsed = courseDocument.safeParse(toApi(sent));
    if (!parsed.success) {
      showErrors(
        parsed.error.issues.map((i) => [i.path.join('.'), i.message]),
        sent,
      );
      return false;
    }
    setSaving(true);
    try {
      const res = await learningApi.saveDraft(slug, parsed.data, baseOverride !== undefined ? baseOverride : local.value.base);
      qc.setQueryData([...learningKey, 'draft', slug], res);
      local.setValue((v) => ({ ...v, base: res.draftUpdatedAt }));
      setSavedJson(sentJson);
      setConflict(false);
      setTargets({});
      errors.clear();
      setSavedAt((n) => n + 1);
      setClearTick((n) => n + 1);
      void qc.invalidateQueries({ queryKey: learningKey, predicate: (q) => q.queryKey[2] !== 'draft' });
      return true;
    } catch (e) {
      setSavedAt(0);
      if (isApiError(e) && e.code === 'COURSE_DRAFT_CONFLICT') {
        setConflict(true);
        setTargets({});
        errors.show(e.message);
      } else if (isApiError(e) && e.status === 400 && Object.keys(e.fields).length > 0) {
        showErrors(Object.entries(e.fields), sent);
      } else errors.fail(e);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void saveNow();
  };

  // A conflict: start again from the saved draft, or save this copy over it.
  const reloadSaved = async () => {
    const r = await refetch();
    if (!r.data) return;
    const fresh = fromApi(r.data.document);
    local.setValue({ doc: fresh, base: r.data.draftUpdatedAt });
    setSavedJson(JSON.stringify(fresh));
    setConflict(false);
    errors.clear();
    setClearTick((n) => n + 1);
  };
  const overwrite = async () => {
    const r = await refetch();
    if (!r.data) return;
    await saveNow(r.data.draftUpdatedAt);
  };

  // Publication.
  const [note, setNote] = useState('');
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const [publishError, setPublishError] = useState<{ message: string; note?: string } | null>(null);
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    setPublished(null);
    setPublishError(null);
    if (dirty && !(await saveNow())) return;
    setPublishing(true);
    try {
      const r = (await learningApi.publish(slug, note)) as { revision: number };
      setPublished(r.revision);
      setNote('');
      await qc.invalidateQueries({ queryKey: learningKey });
    } catch (err) {
      setPublishError(isApiError(err) ? { message: err.message, note: err.fields.note } : { message: platformLabels.unexpectedError });
    } finally {
      setPublishing(false);
    }
  };
  const state = server.publishedRevision === null ? L.neverPublished : server.unpublishedChanges || dirty ? L.unpublished : L.upToDate;

  const err = (id: string) => errors.error(id);
  const errId = (id: string) => (err(id) ? `${id}-error` : undefined);
  const isOver = (id: string) => (over === id ? { outline: '2px dashed var(--border-action-high-blue-france)', outlineOffset: '4px' } : undefined);
  const lessonCount = doc.chapters.reduce((n, c) => n + c.lessons.length, 0);
  const firstLessonId = doc.chapters[0]?.lessons[0]?.id;
  const lastChapter = doc.chapters[doc.chapters.length - 1];
  const lastLessonId = lastChapter?.lessons[lastChapter.lessons.length - 1]?.id;
  const serverTitle = server.document.title;
  const breadcrumb = [
    { label: learningLabels.catalogue.title, to: paths.courses() },
    ...(server.publishedRevision !== null ? [{ label: serverTitle, to: paths.course(slug) }] : []),
  ];

  return (
    <Page title={L.title(serverTitle)} breadcrumb={breadcrumb} lead={L.lead}>
      <ErrorSummary feedback={errors.feedback} fields={targets} />
      {conflict && (
        <div className="fr-mb-4w">
          <p>{L.conflictHelp}</p>
          <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-md">
            <li>
              <Button type="button" priority="secondary" onClick={() => void reloadSaved()}>
                {L.conflictReload}
              </Button>
            </li>
            <li>
              <Button type="button" onClick={() => void overwrite()} disabled={saving}>
                {L.conflictOverwrite}
              </Button>
            </li>
          </ul>
        </div>
      )}
      {local.restored && <DraftRestoredNotice onDiscard={local.discard} />}
      <form onSubmit={submit} noValidate aria-labelledby="course-editor-general">
        <h2 id="course-editor-general" className="fr-h3">
          {L.general}
        </h2>
        <TextField id={dom.title} label={L.titleField} value={doc.title} onChange={(v) => update((d) => ({ ...d, title: v }))} error={err(dom.title)} maxLength={200} />
        <TextField id={dom.summary} label={L.summaryField} textArea rows={4} value={doc.summary} onChange={(v) => update((d) => ({ ...d, summary: v }))} error={err(dom.summary)} maxLength={2000} />
        <div className={`fr-checkbox-group fr-mb-4w${err(dom.order) ? ' fr-checkbox-group--error' : ''}`}>
          <input type="checkbox" id={dom.order} checked={doc.enforceOrder} aria-describedby={errId(dom.order)} onChange={(e) => update((d) => ({ ...d, enforceOrder: e.target.checked }))} />
          <label className="fr-label" htmlFor={dom.order}>
            {L.enforceOrder}
            <span className="fr-hint-text">{L.enforceOrderHint}</span>
          </label>
          <ErrorText id={`${dom.order}-error`} message={err(dom.order)} />
        </div>

        <h2 className="fr-h3">{L.outline}</h2>
        <p className="fr-text--sm">{L.dragHint}</p>
        {doc.chapters.map((c, ci) => {
          const cName = chapterName(c, ci);
          const sectionId = dom.chapter(c.id, 'section');
          return (
            <section
              key={c.id}
              id={sectionId}
              aria-labelledby={dom.chapter(c.id, 'heading')}
              className="fr-p-2w fr-mb-3w"
              style={{ border: '1px solid var(--border-default-grey)', opacity: drag?.id === c.id ? 0.6 : undefined, ...isOver(c.id) }}
              onDragOver={(e) => {
                if (!drag) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                setOver(c.id);
              }}
              onDrop={(e) => {
                if (!drag) return;
                e.preventDefault();
                if (drag.kind === 'chapter') dropChapter(drag.id, ci);
                else dropLesson(drag.id, c.id, null);
                endDrag();
              }}
            >
              <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'baseline' }}>
                <span
                  className="fr-icon-drag-move-2-line"
                  draggable
                  aria-hidden="true"
                  title={L.dragHandle}
                  style={{ cursor: 'grab' }}
                  onDragStart={(e) => dragStart(e, { kind: 'chapter', id: c.id }, sectionId)}
                  onDragEnd={endDrag}
                />
                <h3 id={dom.chapter(c.id, 'heading')} className="fr-h4 fr-mb-2w" style={{ overflowWrap: 'anywhere' }}>
                  {L.heading(L.chapterN(ci + 1), c.title.trim() || L.untitled)}
                </h3>
              </div>
              <TextField
                id={dom.chapter(c.id, 'title')}
                label={L.chapterTitle}
                value={c.title}
                onChange={(v) => setChapters((cs) => cs.map((x) => (x.id === c.id ? { ...x, title: v } : x)))}
                error={err(dom.chapter(c.id, 'title'))}
                maxLength={200}
              />
              <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--sm">
                {ci > 0 && (
                  <li>
                    <ActionButton id={dom.chapter(c.id, 'up')} icon="fr-icon-arrow-up-line" onClick={() => moveChapter(ci, -1)}>
                      {L.moveUpNamed(cName)}
                    </ActionButton>
                  </li>
                )}
                {ci < doc.chapters.length - 1 && (
                  <li>
                    <ActionButton id={dom.chapter(c.id, 'down')} icon="fr-icon-arrow-down-line" onClick={() => moveChapter(ci, 1)}>
                      {L.moveDownNamed(cName)}
                    </ActionButton>
                  </li>
                )}
                {doc.chapters.length > 1 && (
                  <li>
                    <ActionButton id={dom.chapter(c.id, 'remove')} icon="fr-icon-delete-line" onClick={() => removeChapter(c.id)}>
                      {L.removeNamed(cName)}
                    </ActionButton>
                  </li>
                )}
              </ul>
              <ol className="fr-pl-0" style={{ listStyle: 'none' }} aria-label={L.fieldIn(L.lessons, cName)}>
                {c.lessons.map((l, li) => {
                  const lName = lessonName(l, li);
                  const itemId = dom.lesson(l.id, 'item');
                  const panelId = dom.lesson(l.id, 'panel');
                  const isOpen = open.has(l.id);
                  return (
                    <li
                      key={l.id}
                      id={itemId}
                      className="fr-p-2w fr-mb-2w"
                      style={{ background: 'var(--background-alt-grey)', opacity: drag?.id === l.id ? 0.6 : undefined, ...isOver(l.id) }}
                      onDragOver={(e) => {
                        if (drag?.kind !== 'lesson') return;
                        e.preventDefault();
                        e.stopPropagation();
                        e.dataTransfer.dropEffect = 'move';
                        setOver(l.id);
                      }}
                      onDrop={(e) => {
                        if (drag?.kind !== 'lesson') return;
                        e.preventDefault();
                        e.stopPropagation();
                        dropLesson(drag.id, c.id, li);
                        endDrag();
                      }}
                    >
                      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'baseline' }}>
                        <span
                          className="fr-icon-drag-move-2-line"
                          draggable
                          aria-hidden="true"
                          title={L.dragHandle}
                          style={{ cursor: 'grab' }}
                          onDragStart={(e) => {
                            e.stopPropagation();
                            dragStart(e, { kind: 'lesson', id: l.id }, itemId);
                          }}
                          onDragEnd={endDrag}
                        />
                        <h4 className="fr-h6 fr-mb-1w" style={{ overflowWrap: 'anywhere' }}>
                          {L.heading(L.lessonN(li + 1), l.title.trim() || L.untitled)}
                        </h4>
                      </div>
                      <p className="fr-text--sm fr-mb-1w">
                        {durationText(minutesOf(l))}
                        {l.quiz ? ` · ${learningLabels.course.lessonQuiz}` : ''}
                      </p>
                      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--sm">
                        <li>
                          <ActionButton id={dom.lesson(l.id, 'toggle')} icon="fr-icon-edit-line" priority="secondary" expanded={isOpen} controls={isOpen ? panelId : undefined} onClick={() => setOpenLesson(l.id, !isOpen)}>
                            {L.lessonPanel(lName)}
                          </ActionButton>
                        </li>
                        {l.id !== firstLessonId && (
                          <li>
                            <ActionButton id={dom.lesson(l.id, 'up')} icon="fr-icon-arrow-up-line" onClick={() => moveLesson(l.id, -1)}>
                              {L.moveUpNamed(lName)}
                            </ActionButton>
                          </li>
                        )}
                        {l.id !== lastLessonId && (
                          <li>
                            <ActionButton id={dom.lesson(l.id, 'down')} icon="fr-icon-arrow-down-line" onClick={() => moveLesson(l.id, 1)}>
                              {L.moveDownNamed(lName)}
                            </ActionButton>
                          </li>
                        )}
                        {lessonCount > 1 && (
                          <li>
                            <ActionButton id={dom.lesson(l.id, 'remove')} icon="fr-icon-delete-line" onClick={() => removeLesson(c.id, l.id)}>
                              {L.removeNamed(lName)}
                            </ActionButton>
                          </li>
                        )}
                      </ul>
                      {isOpen && (
                        <div id={panelId}>
                          <LessonFields
                            lesson={l}
                            name={lName}
                            titles={titles}
                            err={err}
                            onLesson={(f) => updLesson(l.id, f)}
                            onQuiz={(f) => updQuiz(l.id, f)}
                            onQuestion={(qid, f) => updQuestion(l.id, qid, f)}
                            onTitle={(id, title) => setTitles((t) => ({ ...t, [id]: title }))}
                            newIds={() => usedIds(doc)}
                            focus={(...ids) => {
                              focusNext.current = ids;
                            }}
                          />
                        </div>
                      )}
                    </li>
                  );
                })}
              </ol>
              <ActionButton id={dom.chapter(c.id, 'add')} icon="fr-icon-add-line" priority="secondary" describedBy={errId(dom.chapter(c.id, 'add'))} onClick={() => addLesson(c.id)}>
                {L.addLessonNamed(cName)}
              </ActionButton>
              <ErrorText id={`${dom.chapter(c.id, 'add')}-error`} message={err(dom.chapter(c.id, 'add'))} />
            </section>
          );
        })}
        <ActionButton id={dom.addChapter} icon="fr-icon-add-line" priority="secondary" describedBy={errId(dom.addChapter)} onClick={addChapter}>
          {L.addChapter}
        </ActionButton>
        <ErrorText id={`${dom.addChapter}-error`} message={err(dom.addChapter)} />
        <div className="fr-mt-4w">
          <Button type="submit" iconId="fr-icon-save-line" iconPosition="left" disabled={saving}>
            {saving ? L.saving : L.save}
          </Button>
          <p role="status" className="fr-text--sm fr-mt-1w">
            {savedAt > 0 && !dirty ? L.saved : dirty ? L.autosaved : ''}
          </p>
        </div>
      </form>

      <section aria-labelledby="course-publication" className="fr-mt-6w">
        <h2 id="course-publication" className="fr-h3">
          {L.publication}
        </h2>
        <p>{state}</p>
        <p className="fr-text--sm">{L.lastSaved(server.draftUpdatedBy, formatDateTime(server.draftUpdatedAt))}</p>
        {published !== null && <FocusedAlert severity="success" as="h3" title={L.published(published)} focusKey={published} />}
        {publishError && <Alert severity="error" small description={publishError.message} className="fr-mb-3w" />}
        <form onSubmit={publish} noValidate>
          <TextField id="course-publish-note" label={L.publishNote} optional textArea rows={2} value={note} onChange={setNote} error={publishError?.note} maxLength={500} />
          {dirty && <p className="fr-text--sm">{L.unsavedBeforePublish}</p>}
          <Button type="submit" iconId="fr-icon-upload-line" iconPosition="left" disabled={publishing || saving}>
            {publishing ? L.publishing : L.publish}
          </Button>
        </form>
      </section>

      <nav aria-labelledby="course-editor-links" className="fr-mt-6w">
        <h2 id="course-editor-links" className="fr-h3">
          {L.see}
        </h2>
        <ul>
          {server.publishedRevision !== null && (
            <li>
              <Link to={paths.course(slug)}>{L.viewCourse}</Link>
            </li>
          )}
          <li>
            <Link to={paths.courseHistory(slug)}>{learningLabels.course.history}</Link>
          </li>
          <li>
            <Link to={paths.courseProgress(slug)}>{learningLabels.course.followUp}</Link>
          </li>
        </ul>
      </nav>
    </Page>
  );
}

// --- One lesson's fields -------------------------------------------------------------------------

type LessonFieldsProps = {
  lesson: ELesson;
  name: string;
  titles: Record<string, string>;
  err: (id: string) => string | undefined;
  onLesson: (f: (l: ELesson) => ELesson) => void;
  onQuiz: (f: (q: EQuiz) => EQuiz) => void;
  onQuestion: (qid: string, f: (q: EQuestion) => EQuestion) => void;
  onTitle: (id: string, title: string) => void;
  newIds: () => Set<string>;
  focus: (...ids: string[]) => void;
};

function LessonFields({ lesson: l, name, titles, err, onLesson, onQuiz, onQuestion, onTitle, newIds, focus }: LessonFieldsProps) {
  const id = (part: string) => dom.lesson(l.id, part);
  const set = <K extends keyof ELesson>(k: K) => (v: ELesson[K]) => onLesson((x) => ({ ...x, [k]: v }));
  const quiz = l.quiz;
  const groupClass = (errorId: string) => `fr-fieldset fr-mt-3w${err(errorId) ? ' fr-fieldset--error' : ''}`;
  return (
    <>
      <TextField id={id('title')} label={L.lessonTitle} value={l.title} onChange={set('title')} error={err(id('title'))} maxLength={200} />
      <TextField id={id('duration')} label={L.duration} inputMode="numeric" value={l.durationMinutes} onChange={set('durationMinutes')} error={err(id('duration'))} maxLength={3} />
      <TextField id={id('body')} label={L.body} textArea rows={12} value={l.body} onChange={set('body')} error={err(id('body'))} maxLength={60_000} />
      <MarkdownHelp />
      <TextField id={id('video')} label={L.videoUrl} type="url" inputMode="url" value={l.videoUrl} onChange={set('videoUrl')} error={err(id('video'))} maxLength={500} />
      <SelectField
        id={id('practice')}
        label={L.practice}
        value={l.practice}
        onChange={set('practice')}
        error={err(id('practice'))}
        emptyOption={L.practiceNone}
        options={spaserSectionKeys.map((k) => ({ value: k, label: practiceLabels[k] ?? k }))}
      />

      {/* Sources */}
      <fieldset className={groupClass(id('add-source'))} aria-labelledby={id('sources-legend')}>
        <legend className="fr-fieldset__legend" id={id('sources-legend')}>
          {L.sources}
        </legend>
        {l.sources.length === 0 && <p className="fr-fieldset__element fr-text--sm">{L.noSources}</p>}
        {l.sources.map((s, si) => (
          <div key={si} className="fr-fieldset__element fr-mb-2w">
            <TextField
              id={id(`src-${si}-label`)}
              label={L.fieldIn(L.sourceN(si + 1), L.sourceLabel)}
              value={s.label}
              onChange={(v) => onLesson((x) => ({ ...x, sources: x.sources.map((y, j) => (j === si ? { ...y, label: v } : y)) }))}
              error={err(id(`src-${si}-label`))}
              maxLength={300}
            />
            <TextField
              id={id(`src-${si}-url`)}
              label={L.fieldIn(L.sourceN(si + 1), L.sourceUrl)}
              type="url"
              inputMode="url"
              value={s.url}
              onChange={(v) => onLesson((x) => ({ ...x, sources: x.sources.map((y, j) => (j === si ? { ...y, url: v } : y)) }))}
              error={err(id(`src-${si}-url`))}
              maxLength={500}
            />
            <ActionButton
              icon="fr-icon-delete-line"
              onClick={() => {
                focus(id('add-source'));
                onLesson((x) => ({ ...x, sources: x.sources.filter((_, j) => j !== si) }));
              }}
            >
              {L.removeNamed(s.label.trim() || L.sourceN(si + 1))}
            </ActionButton>
          </div>
        ))}
        <div className="fr-fieldset__element">
          <ActionButton
            id={id('add-source')}
            icon="fr-icon-add-line"
            priority="secondary"
            describedBy={err(id('add-source')) ? `${id('add-source')}-error` : undefined}
            onClick={() => {
              focus(id(`src-${l.sources.length}-label`));
              onLesson((x) => ({ ...x, sources: [...x.sources, { label: '', url: '' }] }));
            }}
          >
            {L.addSource}
          </ActionButton>
          <ErrorText id={`${id('add-source')}-error`} message={err(id('add-source'))} />
        </div>
      </fieldset>

      <LessonResources lesson={l} titles={titles} error={err(id('resources'))} onChange={set('resourceIds')} onTitle={onTitle} focus={focus} />

      {/* Quiz */}
      <fieldset className={groupClass(id('quiz'))} aria-labelledby={id('quiz-legend')}>
        <legend className="fr-fieldset__legend" id={id('quiz-legend')}>
          {L.quiz}
        </legend>
        {!quiz ? (
          <div className="fr-fieldset__element">
            <p className="fr-text--sm">{L.noQuiz}</p>
            <ActionButton
              id={id('quiz')}
              icon="fr-icon-add-line"
              priority="secondary"
              onClick={() => {
                const q = newQuiz(newIds());
                focus(id('passmark'));
                onLesson((x) => ({ ...x, quiz: q }));
              }}
            >
              {L.addQuiz}
            </ActionButton>
            <ErrorText id={`${id('quiz')}-error`} message={err(id('quiz'))} />
          </div>
        ) : (
          <>
            <div className="fr-fieldset__element">
              <TextField id={id('passmark')} label={L.passMark} inputMode="numeric" value={quiz.passMark} onChange={(v) => onQuiz((z) => ({ ...z, passMark: v }))} error={err(id('passmark'))} maxLength={3} />
              <TextField id={id('attempts')} label={L.maxAttempts} inputMode="numeric" value={quiz.maxAttempts} onChange={(v) => onQuiz((z) => ({ ...z, maxAttempts: v }))} error={err(id('attempts'))} maxLength={2} />
            </div>
            {quiz.questions.map((q, qi) => (
              <QuestionFields
                key={q.id}
                lessonId={l.id}
                question={q}
                index={qi}
                count={quiz.questions.length}
                err={err}
                onChange={(f) => onQuestion(q.id, f)}
                onMove={(by) => {
                  focus(dom.question(l.id, q.id, by < 0 ? 'up' : 'down'), dom.question(l.id, q.id, by < 0 ? 'down' : 'up'));
                  onQuiz((z) => ({ ...z, questions: moveItem(z.questions, qi, qi + by) }));
                }}
                onRemove={() => {
                  focus(id('add-question'));
                  onQuiz((z) => ({ ...z, questions: z.questions.filter((x) => x.id !== q.id) }));
                }}
                newIds={newIds}
                focus={focus}
              />
            ))}
            <div className="fr-fieldset__element">
              <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--sm">
                <li>
                  <ActionButton
                    id={id('add-question')}
                    icon="fr-icon-add-line"
                    priority="secondary"
                    describedBy={err(id('add-question')) ? `${id('add-question')}-error` : undefined}
                    onClick={() => {
                      const q = newQuestion(newIds());
                      focus(dom.question(l.id, q.id, 'prompt'));
                      onQuiz((z) => ({ ...z, questions: [...z.questions, q] }));
                    }}
                  >
                    {L.addQuestion}
                  </ActionButton>
                </li>
                <li>
                  <ActionButton
                    id={id('quiz')}
                    icon="fr-icon-delete-line"
                    onClick={() => {
                      focus(id('quiz'));
                      onLesson((x) => ({ ...x, quiz: null }));
                    }}
                  >
                    {L.removeQuiz}
                    <span className="fr-sr-only"> {L.named(name)}</span>
                  </ActionButton>
                </li>
              </ul>
              <ErrorText id={`${id('add-question')}-error`} message={err(id('add-question'))} />
              <ErrorText id={`${id('quiz')}-error`} message={err(id('quiz'))} />
            </div>
          </>
        )}
      </fieldset>
    </>
  );
}

function QuestionFields(props: {
  lessonId: string;
  question: EQuestion;
  index: number;
  count: number;
  err: (id: string) => string | undefined;
  onChange: (f: (q: EQuestion) => EQuestion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  newIds: () => Set<string>;
  focus: (...ids: string[]) => void;
}) {
  const { lessonId, question: q, index: qi, err, onChange, focus } = props;
  const id = (part: string) => dom.question(lessonId, q.id, part);
  const cid = (c: string, part: string) => dom.choice(lessonId, q.id, c, part);
  const qName = questionName(q, qi);
  const setChoice = (choiceId: string, patch: Partial<EChoice>) => onChange((x) => ({ ...x, choices: x.choices.map((c) => (c.id === choiceId ? { ...c, ...patch } : c)) }));
  return (
    <fieldset className="fr-fieldset fr-p-2w fr-mb-2w fr-mx-1w" style={{ border: '1px solid var(--border-default-grey)' }} aria-labelledby={id('legend')}>
      <legend className="fr-fieldset__legend" id={id('legend')}>
        {L.questionN(qi + 1)}
      </legend>
      <div className="fr-fieldset__element">
        <TextField id={id('prompt')} label={L.question} textArea rows={2} value={q.prompt} onChange={(v) => onChange((x) => ({ ...x, prompt: v }))} error={err(id('prompt'))} maxLength={1000} />
        <div className={`fr-checkbox-group fr-mb-2w${err(id('multiple')) ? ' fr-checkbox-group--error' : ''}`}>
          <input type="checkbox" id={id('multiple')} checked={q.multiple} onChange={(e) => onChange((x) => ({ ...x, multiple: e.target.checked }))} />
          <label className="fr-label" htmlFor={id('multiple')}>
            {L.multiple}
            <span className="fr-sr-only"> ({L.questionN(qi + 1)})</span>
          </label>
          <ErrorText id={`${id('multiple')}-error`} message={err(id('multiple'))} />
        </div>
      </div>
      <div className="fr-fieldset__element">
        <p className="fr-text--bold fr-mb-1w" id={id('choices-title')}>
          {L.choices}
        </p>
        <ol className="fr-pl-0" style={{ listStyle: 'none' }} aria-labelledby={id('choices-title')}>
          {q.choices.map((c, ci) => {
            const cn = L.choiceN(ci + 1);
            return (
              <li key={c.id} className="fr-mb-2w fr-pl-2w" style={{ borderLeft: '3px solid var(--border-default-grey)' }}>
                <TextField id={cid(c.id, 'label')} label={cn} value={c.label} onChange={(v) => setChoice(c.id, { label: v })} error={err(cid(c.id, 'label'))} maxLength={500} />
                <div className={`fr-checkbox-group fr-mb-2w${err(cid(c.id, 'correct')) ? ' fr-checkbox-group--error' : ''}`}>
                  <input type="checkbox" id={cid(c.id, 'correct')} checked={c.correct} onChange={(e) => setChoice(c.id, { correct: e.target.checked })} />
                  <label className="fr-label" htmlFor={cid(c.id, 'correct')}>
                    {L.correct}
                    <span className="fr-sr-only"> ({cn})</span>
                  </label>
                </div>
                <TextField id={cid(c.id, 'explanation')} label={L.fieldIn(cn, L.explanation)} textArea rows={2} value={c.explanation} onChange={(v) => setChoice(c.id, { explanation: v })} error={err(cid(c.id, 'explanation'))} maxLength={1000} />
                {q.choices.length > 2 && (
                  <ActionButton
                    icon="fr-icon-delete-line"
                    onClick={() => {
                      focus(id('add-choice'));
                      onChange((x) => ({ ...x, choices: x.choices.filter((y) => y.id !== c.id) }));
                    }}
                  >
                    {L.removeNamed(c.label.trim() || cn)}
                  </ActionButton>
                )}
              </li>
            );
          })}
        </ol>
        <ActionButton
          id={id('add-choice')}
          icon="fr-icon-add-line"
          priority="secondary"
          describedBy={err(id('add-choice')) ? `${id('add-choice')}-error` : undefined}
          onClick={() => {
            const c = newChoice(props.newIds());
            focus(cid(c.id, 'label'));
            onChange((x) => ({ ...x, choices: [...x.choices, c] }));
          }}
        >
          {L.addChoice}
          <span className="fr-sr-only"> ({qName})</span>
        </ActionButton>
        <ErrorText id={`${id('add-choice')}-error`} message={err(id('add-choice'))} />
      </div>
      <div className="fr-fieldset__element">
        <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--sm">
          {qi > 0 && (
            <li>
              <ActionButton id={id('up')} icon="fr-icon-arrow-up-line" onClick={() => props.onMove(-1)}>
                {L.moveUpNamed(qName)}
              </ActionButton>
            </li>
          )}
          {qi < props.count - 1 && (
            <li>
              <ActionButton id={id('down')} icon="fr-icon-arrow-down-line" onClick={() => props.onMove(1)}>
                {L.moveDownNamed(qName)}
              </ActionButton>
            </li>
          )}
          {props.count > 1 && (
            <li>
              <ActionButton id={id('remove')} icon="fr-icon-delete-line" onClick={props.onRemove}>
                {L.removeNamed(qName)}
              </ActionButton>
            </li>
          )}
        </ul>
      </div>
    </fieldset>
  );
}

/** The library resources of a lesson: those chosen (removable), and a search to add more. */
function LessonResources(props: {
  lesson: ELesson;
  titles: Record<string, string>;
  error?: string;
  onChange: (ids: string[]) => void;
  onTitle: (id: string, title: string) => void;
  focus: (...ids: string[]) => void;
}) {
  const { lesson: l, titles } = props;
  const inputId = dom.lesson(l.id, 'resources');
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['library', 'resources', 'course-picker', searched],
    queryFn: () => api.get(`/api/library/resources${query({ q: searched })}`, listResponse),
    enabled: searched !== null,
    placeholderData: keepPreviousData,
  });
  const chosen = new Set(l.resourceIds);
  const search = () => setSearched(q.trim());
  const results = found.data?.items.filter((r) => !chosen.has(r.id)) ?? [];
  return (
    <fieldset className={`fr-fieldset fr-mt-3w${props.error ? ' fr-fieldset--error' : ''}`} aria-labelledby={dom.lesson(l.id, 'resources-legend')}>
      <legend className="fr-fieldset__legend" id={dom.lesson(l.id, 'resources-legend')}>
        {L.resources}
      </legend>
      <div className="fr-fieldset__element">
        {l.resourceIds.length === 0 ? (
          <p className="fr-text--sm">{L.noResources}</p>
        ) : (
          <ul className="fr-pl-0" style={{ listStyle: 'none' }}>
            {l.resourceIds.map((rid) => {
              const title = titles[rid] ?? L.resourceUnknown(rid);
              return (
                <li key={rid} className="fr-mb-1w">
                  <Link to={paths.libraryResource(rid)}>{title}</Link>{' '}
                  <ActionButton
                    icon="fr-icon-delete-line"
                    onClick={() => {
                      props.focus(inputId);
                      props.onChange(l.resourceIds.filter((x) => x !== rid));
                    }}
                  >
                    {L.removeNamed(title)}
                  </ActionButton>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div className="fr-fieldset__element">
        <div className={`fr-input-group${props.error ? ' fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor={inputId}>
            {L.resourceSearch}
          </label>
          <input
            className={`fr-input${props.error ? ' fr-input--error' : ''}`}
            type="search"
            id={inputId}
            value={q}
            maxLength={200}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? `${inputId}-error` : undefined}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              // Not a nested form: Enter searches instead of saving the draft.
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
          />
          {props.error && (
            <p className="fr-error-text" id={`${inputId}-error`}>
              {props.error}
            </p>
          )}
        </div>
        <ActionButton icon="fr-icon-search-line" priority="secondary" onClick={search}>
          {L.resourceSearchButton}
          <span className="fr-sr-only"> ({L.resources})</span>
        </ActionButton>
        <ResultsStatus text={found.isError ? found.error.message : found.data ? L.resourceResults(results.length) : ''} />
        {results.length > 0 && (
          <ul className="fr-pl-0" style={{ listStyle: 'none' }}>
            {results.map((r) => (
              <li key={r.id} className="fr-mb-1w">
                {r.title}{' '}
                <ActionButton
                  icon="fr-icon-add-line"
                  priority="secondary"
                  onClick={() => {
                    props.onTitle(r.id, r.title);
                    props.focus(inputId);
                    props.onChange([...l.resourceIds, r.id]);
                  }}
                >
                  {L.addResourceNamed(r.title)}
                </ActionButton>
              </li>
            ))}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
