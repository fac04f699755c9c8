import Button from '@codegouvfr/react-dsfr/Button';
import Pagination from '@codegouvfr/react-dsfr/Pagination';
import { useEffect, useRef, type RefObject } from 'react';
import { Link, useLocation } from 'react-router';
import { platformLabels } from './labels';

/**
 * The count of results, announced politely by screen readers whenever it changes. The element stays
 * in the page (only its text changes), otherwise the announcement is lost.
 */
export function ResultsStatus({ text, id }: { text: string; id?: string }) {
  return (
    <p id={id} role="status" aria-live="polite" aria-atomic="true" className="fr-text--bold fr-mb-2w">
      {text}
    </p>
  );
}

/** Focuses `ref` when `key` changes after the first render (e.g. the results heading after paging). */
export function useFocusOnChange(ref: RefObject<HTMLElement | null>, key: unknown) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [key, ref]);
}

/** DSFR pagination whose links keep the other query parameters of the page. */
export function PageLinks({ page, total, pageSize, param = 'page' }: { page: number; total: number; pageSize: number; param?: string }) {
  const location = useLocation();
  const count = Math.max(1, Math.ceil(total / pageSize));
  if (count <= 1) return null;
  const linkTo = (n: number) => {
    const sp = new URLSearchParams(location.search);
    if (n === 1) sp.delete(param);
    else sp.set(param, String(n));
    const s = sp.toString();
    return { to: { pathname: location.pathname, search: s ? `?${s}` : '' } };
  };
  return <Pagination className="fr-mt-4w" count={count} defaultPage={Math.min(page, count)} getPageLinkProps={linkTo} showFirstLast />;
}

/** A positive page number from the query string (1 when missing or invalid). */
export function pageParam(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 500 ? n : 1;
}

/** An empty cell: a dash on screen, "Non renseigné" for screen readers. */
export function NotProvided() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="fr-sr-only">{platformLabels.notProvided}</span>
    </>
  );
}

/** The two buttons of every filter form: search, and reset (which empties the URL's query). */
export function SearchFormButtons({ submit, reset, onReset }: { submit: string; reset: string; onReset: () => void }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
      <li>
        <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
          {submit}
        </Button>
      </li>
      <li>
        <Button type="button" priority="tertiary" onClick={onReset}>
          {reset}
        </Button>
      </li>
    </ul>
  );
}

/** Views of one list as a row of links (the current one marked aria-current="page"): sort orders, periods. */
export function ViewLinks<K extends string>({ label, views, current, linkFor, text }: { label: string; views: readonly K[]; current: K; linkFor: (k: K) => string; text: (k: K) => string }) {
  return (
    <nav aria-label={label} className="fr-mb-3w">
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        {views.map((k) => (
          <li key={k}>
            <Link className={`fr-btn fr-btn--sm ${k === current ? '' : 'fr-btn--secondary'}`} to={linkFor(k)} aria-current={k === current ? 'page' : undefined}>
              {text(k)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
