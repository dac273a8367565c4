// HTML the server writes itself (printable courses, drill pages, mail bodies): every value goes
// through escapeHtml() and every Markdown text through renderMarkdown(), nowhere else.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Where course images are served; the editor inserts these site-relative URLs. */
export const COURSE_IMAGE_PATH = '/api/v1/training/images/';

export interface MarkdownOptions {
  /** The app's public URL: site-relative links and images are made absolute with it. */
  base?: string;
  /** Added to heading levels (a page body sits under the page's own heading): 2 turns # into <h3>. */
  headingOffset?: number;
}

const SITE_RELATIVE = /^\/(?!\/)/;
const LINK_SCHEME = /^(https?:|mailto:)/i;

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
// Links and images: http(s), mailto and site-relative only (no javascript:, data:, file:, //host).
md.validateLink = (url) => LINK_SCHEME.test(url.trim()) || SITE_RELATIVE.test(url.trim());

const absolute = (url: string, base: string) =>
  SITE_RELATIVE.test(url) ? base.replace(/\/$/, '') + url : url;

/** Images only from the app's own image URLs or over https. */
function imageAllowed(src: string | undefined, base: string): boolean {
  if (!src) return false;
  const own = `${base.replace(/\/$/, '')}${COURSE_IMAGE_PATH}`;
  return /^https:\/\//i.test(src) || (base !== '' && src.startsWith(own));
}

function sanitize(html: string, base: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'hr',
      'strong',
      'em',
      's',
      'code',
      'pre',
      'blockquote',
      'ul',
      'ol',
      'li',
      'a',
      'img',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title'],
      ol: ['start'],
      th: ['style'],
      td: ['style'],
    },
    allowedStyles: {
      th: { 'text-align': [/^(left|right|center)$/] },
      td: { 'text-align': [/^(left|right|center)$/] },
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'escape',
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
    exclusiveFilter: (frame) => frame.tag === 'img' && !imageAllowed(frame.attribs.src, base),
  });
}

/**
 * Markdown to safe HTML: markdown-it without raw HTML, then an allow-list of tags and attributes
 * (sanitize-html), so no crafted text can add an event handler, a script or a javascript: URL.
 */
export function renderMarkdown(text: string, opts: MarkdownOptions = {}): string {
  const base = opts.base ?? '';
  const offset = opts.headingOffset ?? 0;
  const tokens = md.parse(text, {});
  for (const token of tokens) {
    if ((token.type === 'heading_open' || token.type === 'heading_close') && offset) {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + offset)}`;
    }
    for (const child of token.children ?? []) {
      const attr = child.type === 'image' ? 'src' : child.type === 'link_open' ? 'href' : null;
      const url = attr ? child.attrGet(attr) : null;
      if (attr && typeof url === 'string') child.attrSet(attr, absolute(url, base));
    }
  }
  return sanitize(md.renderer.render(tokens, md.options, {}), base).trim();
}
