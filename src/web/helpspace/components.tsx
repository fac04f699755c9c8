import Badge from '@codegouvfr/react-dsfr/Badge';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { questionSummary } from '../../server/helpspace/helpspace.contract';
import type { Theme } from '../../shared/fields';
import { paths } from '../paths';
import { formatDate } from '../platform/format';
import { helpLabels as L } from './labels';

type Summary = z.infer<typeof questionSummary>;

export const themeLabel = (key: string) => L.themes[key as Theme] ?? key;

/**
 * The search API returns escaped text with `<mark>` (or `<b>`) around matched words. Only those tags
 * are honoured; everything else is shown as text, so nothing the API returns is parsed as HTML.
 */
export function excerptParts(html: string): { text: string; marked: boolean }[] {
  const decode = (s: string) =>
    s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
  const parts: { text: string; marked: boolean }[] = [];
  let marked = false;
  for (const token of html.split(/(<\/?(?:mark|b)>)/)) {
    if (/^<(mark|b)>$/.test(token)) marked = true;
    else if (/^<\/(mark|b)>$/.test(token)) marked = false;
    else if (token) parts.push({ text: decode(token), marked });
  }
  return parts;
}

export function Excerpt({ html }: { html: string }) {
  return (
    <p className="fr-text--sm fr-mb-1w">
      {excerptParts(html).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </p>
  );
}

/** Markdown rendered and sanitised by the server (markdown-it without HTML, safe links). */
export function PostBody({ html }: { html: string }) {
  return <div className="entraide-post" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function SolvedBadge({ solved }: { solved: boolean }) {
  return solved ? (
    <Badge as="span" small severity="success" className="fr-mr-1w">
      {L.summary.solved}
    </Badge>
  ) : null;
}

/** One question in a list (space page, search results): an h3 under the list's h2. */
export function QuestionCard({ q, excerptHtml }: { q: Summary; excerptHtml?: string }) {
  const S = L.summary;
  return (
    <li className="fr-py-2w entraide-question-item">
      <h3 className="fr-h6 fr-mb-1w">
        <Link to={paths.helpQuestion(q.id)}>{q.title}</Link>
      </h3>
      {excerptHtml && <Excerpt html={excerptHtml} />}
      <p className="fr-text--sm fr-mb-1w">
        <SolvedBadge solved={q.solved} />
        {q.locked && (
          <Badge as="span" small severity="warning" className="fr-mr-1w">
            {S.locked}
          </Badge>
        )}
        {S.answers(q.answersCount)} · {S.votes(q.score)} · {S.theme} {themeLabel(q.theme)} ·{' '}
        {q.author ? S.askedBy(q.author.displayName, formatDate(q.createdAt)) : S.askedOn(formatDate(q.createdAt))}
      </p>
      {q.tags.length > 0 && (
        <p className="fr-text--xs fr-mb-0">
          {S.tags} {q.tags.map((t) => `#${t}`).join(' ')}
        </p>
      )}
    </li>
  );
}

export function MarkdownHelp() {
  const M = L.markdownHelp;
  return (
    <details className="fr-mb-3w">
      <summary>{M.title}</summary>
      <div className="fr-table fr-table--sm fr-mt-1w">
        <table>
          <caption className="fr-sr-only">{M.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{M.colSyntax}</th>
              <th scope="col">{M.colResult}</th>
            </tr>
          </thead>
          <tbody>
            {M.items.map(([syntax, result]) => (
              <tr key={syntax}>
                <td>
                  <code>{syntax}</code>
                </td>
                <td>{result}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** "a, b , c" → ["a", "b", "c"]; the server normalises each tag. */
export const splitTags = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
