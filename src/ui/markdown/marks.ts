/**
 * Marks placed in a text before rendering and turned into HTML after (the insertion points
 * drawn inside a paragraph, ui/hints/cutSlots). A mark is a private-use character followed by
 * its index in private-use digits, so each one is found again by its number even when
 * markdown reorders the text (a link's title is written before its text) or drops it: the
 * renderer strips marks from every attribute (markdownIt's renderAttrs), where HTML would
 * break the attribute, and from an image's description.
 */
import { DIGIT_ZERO, MARK, MARK_CHARACTERS, stripMarks } from './markCharacters';
import { renderMarkdown } from './renderMarkdown';

const MARKS = /\uE000([\uE001-\uE00A]*)/g;

function encodeMark(index: number): string {
  return MARK + [...String(index)].map((digit) => String.fromCharCode(DIGIT_ZERO + Number(digit))).join('');
}

function decodeMark(digits: string): number {
  return Number([...digits].map((d) => d.charCodeAt(0) - DIGIT_ZERO).join(''));
}

/** The text with a mark at each offset (ascending), or null when there is nothing to mark or it holds mark characters itself. */
function markedSource(text: string, offsets: number[]): string | null {
  if (offsets.length === 0 || MARK_CHARACTERS.test(text)) return null;
  let source = '';
  let from = 0;
  offsets.forEach((offset, index) => {
    source += text.slice(from, offset) + encodeMark(index);
    from = offset;
  });
  return source + text.slice(from);
}

/** renderMarkdown(text) with `markHtml(i)` where the i-th offset lies in the text (nothing where it fell inside an attribute). */
export function renderWithMarks(text: string, offsets: number[], markHtml: (index: number) => string): string {
  const source = markedSource(text, offsets);
  if (source === null) return renderMarkdown(text);
  return renderMarkdown(source).replace(MARKS, (_, digits: string) => markHtml(decodeMark(digits)));
}

/** Whether the marks leave the rendering as it was (a mark before a list item changes the parse, say). */
export function marksKeepMarkdown(text: string, offsets: number[]): boolean {
  if (MARK_CHARACTERS.test(text)) return false;
  const source = markedSource(text, offsets);
  return source === null || stripMarks(renderMarkdown(source)) === renderMarkdown(text);
}
