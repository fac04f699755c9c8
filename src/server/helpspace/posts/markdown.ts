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

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Text without Markdown marks, for a card or a list: rendered, then stripped of its tags, cut at `max`. */
export function markdownExcerpt(source: string, max = 240): string {
  const text = renderMarkdown(source)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** The distinct member ids mentioned in a text. */
export function mentionedUserIds(source: string): string[] {
  return [...new Set([...source.matchAll(MENTION_PATTERN)].map((m) => m[2]!))];
}

/** Plain text for e-mails and excerpts: mentions become @Name, Markdown marks stay readable. */
export function plainText(source: string, max = 280): string {
  const text = source.replace(MENTION_PATTERN, '@$1').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
