import MarkdownIt from 'markdown-it';

/**
 * Markdown of questions, answers and comments, rendered on the server so every client shows the
 * same safe HTML: no raw HTML (html: false), no images (no third-party requests from our pages),
 * links only to http, https and mailto with rel="nofollow noopener ugc".
 *
 * Mentions are written `@[Prénom Nom](user:<uuid>)` (docs/decisions/0007-help-space-visibility.md):
 * the editor inserts them from the member picker, so no handle has to be unique or stable.
 */
export const MENTION_PATTERN = /@\[([^\]\n]{1,80})\]\(user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/g;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.disable(['image']);

const SAFE_LINK = /^(https?:|mailto:)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow noopener ugc');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// `@[Name](user:uuid)` becomes a mention span before the link rule sees it (the `user:` scheme would
// be refused as a link anyway).
md.inline.ruler.before('link', 'mention', (state, silent) => {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  const re = new RegExp(MENTION_PATTERN.source, 'y');
  re.lastIndex = state.pos;
  const m = re.exec(state.src);
  if (!m) return false;
  if (!silent) {
    const token = state.push('mention', '', 0);
    token.meta = { name: m[1], userId: m[2] };
  }
  state.pos += m[0].length;
  return true;
});
md.renderer.rules.mention = (tokens, idx) => {
  const { name, userId } = tokens[idx]!.meta as { name: string; userId: string };
  return `<span class="mention" data-user-id="${userId}">@${md.utils.escapeHtml(name)}</span>`;
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}

/**
 * The one way text leaves Markdown (excerpts on cards and in search results, e-mails, .ics
 * descriptions, moderation lists): the source is parsed by the same parser as renderMarkdown and
 * only its words are kept — no `**`, `_`, `#`, `>` or list marks; a link keeps its text (and, in
 * `paragraphs` layout, its address in brackets when that differs), a mention becomes @Name.
 * `line` (the default) gives one line, for excerpts; `paragraphs` keeps paragraphs apart, line breaks, and list items
 * on their own lines with « • » or « 1. », for calendars. Cut at `max` characters with « … ».
 */
export function markdownToText(source: string, opts: { max?: number; layout?: 'line' | 'paragraphs' } = {}): string {
  const paragraphs = opts.layout === 'paragraphs';
  // Each block of text, and the outermost list it is an item of (items of one list follow line by line).
  const blocks: { text: string; list: number | null }[] = [];
  const lists: { ordered: boolean; n: number; id: number }[] = [];
  let listsSeen = 0;
  let prefix = '';
  for (const token of md.parse(source, {})) {
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      lists.push({ ordered: token.type === 'ordered_list_open', n: Number(token.attrGet('start') ?? 1) - 1, id: ++listsSeen });
    } else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') {
      lists.pop();
    } else if (token.type === 'list_item_open') {
      const list = lists[lists.length - 1]!;
      list.n += 1;
      if (paragraphs) prefix = list.ordered ? `${list.n}. ` : '• ';
    } else if (token.type === 'inline') {
      blocks.push({ text: prefix + inlineText(token.children ?? [], paragraphs), list: lists[0]?.id ?? null });
      prefix = '';
    } else if (token.type === 'fence' || token.type === 'code_block') {
      blocks.push({ text: prefix + token.content.trimEnd(), list: lists[0]?.id ?? null });
      prefix = '';
    }
  }
  const text = paragraphs
    ? blocks
        .map((b) => ({ ...b, text: b.text.replace(/[ \t]+/g, ' ').trim() }))
        .filter((b) => b.text)
        .map((b, i, all) => (i === 0 ? '' : b.list !== null && all[i - 1]!.list === b.list ? '\n' : '\n\n') + b.text)
        .join('')
    : blocks
        .map((b) => b.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
  const max = opts.max;
  return max && text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

type InlineToken = ReturnType<typeof md.parseInline>[number];

function inlineText(tokens: InlineToken[], withUrls: boolean): string {
  let out = '';
  let link: { href: string; from: number } | null = null;
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'code_inline' || t.type === 'html_inline') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += withUrls ? '\n' : ' ';
    else if (t.type === 'mention') out += `@${(t.meta as { name: string }).name}`;
    else if (t.type === 'link_open') link = { href: String(t.attrGet('href') ?? ''), from: out.length };
    else if (t.type === 'link_close' && link) {
      const label = out.slice(link.from);
      const href = link.href.replace(/^mailto:/i, '');
      if (withUrls && href && label !== href && label !== link.href) out += ` (${link.href})`;
      link = null;
    }
  }
  return out;
}

/** The distinct member ids mentioned in a text. */
export function mentionedUserIds(source: string): string[] {
  return [...new Set([...source.matchAll(MENTION_PATTERN)].map((m) => m[2]!))];
}
