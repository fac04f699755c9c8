import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { collectionInput, okResponse, type collectionDetail } from '../../server/library/library.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { DraftRestoredNotice, ErrorSummary, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { libraryKey, useCollection, useResources, type ResourceSummary } from './api';
import { kindLabel } from './components';
import { libraryLabels } from './labels';

const L = libraryLabels.collection;
type Detail = z.infer<typeof collectionDetail>;
type Item = { id: string; title: string; kind: string };
type Form = { title: string; description: string; items: Item[] };
const ids = { title: 'collection-title', description: 'collection-description', resourceIds: 'collection-items' } as const;

/** Facilitators edit a collection: title, description, its resources in order (move, remove, add from a search). */
export function CollectionEditPage() {
  const { id = '' } = useParams();
  const collection = useCollection(id);
  const crumbs = [{ label: libraryLabels.home.title, to: paths.library() }];
  if (collection.isPending) return <PageLoading title={L.editTitle} breadcrumb={crumbs} />;
  if (collection.isError || !collection.data.can.manage)
    return (
      <Page title={L.editTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={collection.isError ? collection.error.message : L.notFoundTitle} />
      </Page>
    );
  return <EditCollection collection={collection.data} />;
}

function EditCollection({ collection: c }: { collection: Detail }) {
  const { user } = useSession();
  const initial: Form = { title: c.title, description: c.description, items: c.items.map((r) => ({ id: r.id, title: r.title, kind: r.kind })) };
  const draft = useDraft<Form>(user ? `collection.${c.id}.${user.id}` : null, initial);
  const form = draft.value;
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // Said to screen readers after each move, removal or addition (the list itself changes silently).
  const [announce, setAnnounce] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const focusLater = (key: string) => requestAnimationFrame(() => buttons.current.get(key)?.focus());

  const save = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/library/collections/${encodeURIComponent(c.id)}`, body, okResponse),
    onSuccess: async () => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: libraryKey });
      navigate(paths.libraryCollection(c.id), { state: { flash: L.saved } });
    },
    onError: errors.fail,
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/library/collections/${encodeURIComponent(c.id)}`, okResponse),
    onSuccess: async () => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: libraryKey });
      navigate(paths.library(), { state: { flash: L.deleted } });
    },
    onError: errors.fail,
  });

  const setItems = (items: Item[]) => draft.setValue((f) => ({ ...f, items }));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= form.items.length) return;
    const items = [...form.items];
    [items[i], items[j]] = [items[j]!, items[i]!];
    setItems(items);
    setAnnounce(L.moved(items[j]!.title, j + 1));
    // Keep the focus on the same button of the moved row, or on the other one at either end.
    const atEdge = (by === -1 && j === 0) || (by === 1 && j === items.length - 1);
    focusLater(`${items[j]!.id}:${atEdge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}`);
  };
  const drop = (i: number) => {
    const item = form.items[i]!;
    const items = form.items.filter((_, j) => j !== i);
    setItems(items);
    setAnnounce(L.removed(item.title));
    const next = items[Math.min(i, items.length - 1)];
    focusLater(next ? `${next.id}:remove` : 'search');
  };
  const add = (r: ResourceSummary) => {
    if (form.items.some((x) => x.id === r.id)) return;
    setItems([...form.items, { id: r.id, title: r.title, kind: r.kind }]);
    setAnnounce(L.added(r.title));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(collectionInput, { title: form.title, description: form.description, resourceIds: form.items.map((x) => x.id) });
    if (body) save.mutate(body);
  };

  return (
    <Page title={L.editPageTitle(c.title)} breadcrumb={[{ label: libraryLabels.home.title, to: paths.library() }, { label: c.title, to: paths.libraryCollection(c.id) }]} lead={L.editLead}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{ title: { label: L.title, id: ids.title }, description: { label: L.description, id: ids.description }, resourceIds: { label: L.itemsLegend, id: ids.resourceIds } }}
      />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <p className="fr-sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announce}
      </p>
      <form onSubmit={submit} noValidate>
        <TextField id={ids.title} label={L.title} value={form.title} onChange={(v) => draft.setValue((f) => ({ ...f, title: v }))} error={errors.error('title')} maxLength={150} />
        <TextField id={ids.description} label={L.description} optional textArea rows={3} value={form.description} onChange={(v) => draft.setValue((f) => ({ ...f, description: v }))} error={errors.error('description')} maxLength={1000} />
        <fieldset className={`fr-fieldset fr-mb-4w ${errors.error('resourceIds') ? 'fr-fieldset--error' : ''}`} aria-labelledby="collection-items-legend" id={ids.resourceIds} tabIndex={-1}>
          <legend className="fr-fieldset__legend" id="collection-items-legend">
            {L.itemsLegend}
          </legend>
          {form.items.length === 0 && <p className="fr-fieldset__element">{L.itemsEmpty}</p>}
          <ol className="fr-fieldset__element entraide-plain-list">
            {form.items.map((item, i) => (
              <li key={item.id} className="fr-py-1w entraide-question-item">
                <p className="fr-mb-1w">
                  <span className="fr-text--bold">{i + 1}.</span> {item.title} <span className="fr-text--xs">({kindLabel(item.kind)})</span>
                </p>
                <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
                  <li>
                    <Button type="button" priority="tertiary" size="small" iconId="fr-icon-arrow-up-line" iconPosition="left" disabled={i === 0} onClick={() => move(i, -1)} ref={(el) => void buttons.current.set(`${item.id}:up`, el as HTMLButtonElement | null)} nativeButtonProps={{ 'aria-label': L.moveUp(item.title) }}>
                      {L.up}
                    </Button>
                  </li>
                  <li>
                    <Button type="button" priority="tertiary" size="small" iconId="fr-icon-arrow-down-line" iconPosition="left" disabled={i === form.items.length - 1} onClick={() => move(i, 1)} ref={(el) => void buttons.current.set(`${item.id}:down`, el as HTMLButtonElement | null)} nativeButtonProps={{ 'aria-label': L.moveDown(item.title) }}>
                      {L.down}
                    </Button>
                  </li>
                  <li>
                    <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" iconPosition="left" onClick={() => drop(i)} ref={(el) => void buttons.current.set(`${item.id}:remove`, el as HTMLButtonElement | null)} nativeButtonProps={{ 'aria-label': L.remove(item.title) }}>
                      {L.removeShort}
                    </Button>
                  </li>
                </ul>
              </li>
            ))}
          </ol>
          {errors.error('resourceIds') && <p className="fr-error-text fr-fieldset__element">{errors.error('resourceIds')}</p>}
        </fieldset>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Button type="submit" disabled={save.isPending}>
              {L.save}
            </Button>
          </li>
          <li>
            <Link className="fr-btn fr-btn--tertiary" to={paths.libraryCollection(c.id)}>
              {L.cancel}
            </Link>
          </li>
        </ul>
      </form>
      <AddResources inCollection={form.items.map((x) => x.id)} onAdd={add} searchRef={(el) => void buttons.current.set('search', el as HTMLButtonElement | null)} />
      <section aria-labelledby="collection-delete-title" className="fr-mt-6w">
        <h2 id="collection-delete-title" className="fr-h5">
          {L.deleteTitle}
        </h2>
        <p className="fr-text--sm">{L.deleteText}</p>
        <Button type="button" priority="secondary" iconId="fr-icon-delete-line" iconPosition="left" disabled={remove.isPending} onClick={() => window.confirm(L.deleteConfirm(c.title)) && remove.mutate()}>
          {L.delete}
        </Button>
      </section>
    </Page>
  );
}

/** A search in the library; each result can be added at the end of the collection. */
function AddResources({ inCollection, onAdd, searchRef }: { inCollection: string[]; onAdd: (r: ResourceSummary) => void; searchRef: (el: HTMLElement | null) => void }) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const results = useResources({ q: q || undefined, page: 1 });
  return (
    <section aria-labelledby="collection-add-title" className="fr-mt-6w">
      <h2 id="collection-add-title" className="fr-h5">
        {L.addTitle}
      </h2>
      <form
        role="search"
        aria-labelledby="collection-add-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <div className="fr-search-bar" id="collection-add-bar">
          <label className="fr-label" htmlFor="collection-add-q">
            {L.addQ}
          </label>
          <input className="fr-input" id="collection-add-q" type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} ref={searchRef as (el: HTMLInputElement | null) => void} />
          <button type="submit" className="fr-btn">
            {L.addSearch}
          </button>
        </div>
      </form>
      <p role="status" aria-live="polite" className="fr-text--sm fr-mt-2w">
        {results.data && results.data.items.length === 0 ? L.noMatch : ''}
      </p>
      <ul className="entraide-plain-list">
        {results.data?.items.map((r) => {
          const already = inCollection.includes(r.id);
          return (
            <li key={r.id} className="fr-py-1w entraide-question-item">
              <p className="fr-mb-1w">
                {r.title} <span className="fr-text--xs">({kindLabel(r.kind)})</span>
              </p>
              {already ? (
                <p className="fr-text--xs fr-mb-0">{L.alreadyIn}</p>
              ) : (
                <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" iconPosition="left" onClick={() => onAdd(r)} nativeButtonProps={{ 'aria-label': L.add(r.title) }}>
                  {L.addShort}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
