import MarkdownIt from 'markdown-it';
import { dataLinksPlugin } from './dataLinks';
import { mathPlugin } from './mathPlugin';
import { renderFormula } from './renderMath';

/**
 * The one markdown-it of the studio's prose, shared by renderMarkdown and chunkMarkdown (which
 * reads its block structure). `html: false`: raw HTML in the data is escaped, never injected;
 * formulas go through renderFormula, links and images through dataLinks (nothing fetched).
 */
export const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

mathPlugin(md, renderFormula);
dataLinksPlugin(md);
