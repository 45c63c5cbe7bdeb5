/**
 * Links and images written in the data. Nothing the data names is fetched until the user
 * asks: an image is a placeholder naming its host, which opens the image in a new tab on
 * click (the page's CSP would refuse to load it anyway); a link opens only on click, in a new
 * tab, without opener or referrer. Only http(s) and mailto targets are clickable; anything
 * else (a relative path into the studio, a scheme) shows as plain text with its target in a
 * tooltip. Attributes never carry insertion marks (see marks.ts).
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { stripMarks } from './markCharacters';

const OPENS = /^(?:https?:|mailto:)/i;
const NEW_TAB = ' target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer"';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

interface LinkEnv {
  /** Set between the open and close of a link rendered as plain text (links do not nest). */
  inertLink?: boolean;
}

export function dataLinksPlugin(md: MarkdownIt): void {
  const escape = md.utils.escapeHtml;
  const renderAttrs = md.renderer.renderAttrs.bind(md.renderer);
  md.renderer.renderAttrs = (token: Token) =>
    renderAttrs({ attrs: token.attrs && token.attrs.map(([name, value]) => [name, stripMarks(value)]) } as Token);

  md.renderer.rules.link_open = (tokens, idx, _options, env: LinkEnv) => {
    const href = stripMarks(tokens[idx].attrGet('href') ?? '');
    if (!OPENS.test(href)) {
      env.inertLink = true;
      return `<span class="data-link data-link--inert" title="${escape(`Not a web link: ${href}`)}">`;
    }
    const title = tokens[idx].attrGet('title');
    const tooltip = title ? `${stripMarks(title)} — ${href}` : href;
    return `<a class="data-link" href="${escape(href)}" title="${escape(tooltip)}"${NEW_TAB}>`;
  };
  md.renderer.rules.link_close = (_tokens, _idx, _options, env: LinkEnv) => {
    if (!env.inertLink) return '</a>';
    env.inertLink = false;
    return '</span>';
  };

  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const src = stripMarks(token.attrGet('src') ?? '');
    const alt = stripMarks(self.renderInlineAsText(token.children ?? [], options, env));
    const label = `<span class="data-image__icon" aria-hidden="true">▧</span>${escape(alt ? `Image: ${alt}` : 'Image')}`;
    const host = /^https?:/i.test(src) ? hostOf(src) : '';
    if (!host) return `<span class="data-image" data-testid="data-image" title="Image not loaded">${label}</span>`;
    const title = `Not loaded, so ${host} cannot see you open this. Click to open it in a new tab.`;
    return `<a class="data-image" data-testid="data-image" href="${escape(src)}" title="${escape(title)}"${NEW_TAB}>${label} <span class="data-image__host">${escape(host)}</span></a>`;
  };
}
