/**
 * String-level clean-up of a LaTeX answer before tokenizing: presentation that carries no
 * value (spacing, `\left`/`\right`, `\dfrac`, `$`, `\$`, degree signs), a trailing unit
 * (`5 \text{ cm}^2`, `864 \mbox{ inches}^2`, `12 inches`), `\boxed{}` around the answer, and
 * thousands separators (`32,\!348`, `14{,}916`, `7,425,000`). The rules follow Math-Verify's
 * normalization (see docs/answer-equivalence.md for each one and where we differ).
 */
import { extractAllBoxed } from '../../answer/boxed';
import { matchBrace } from '../../answer/latex';

/** Presentation markup that carries no value. Order matters: longer forms first. */
const PRESENTATION: Array<[RegExp, string]> = [
  [/\\(?:displaystyle|textstyle|scriptstyle)(?![A-Za-z])/g, ''],
  // Dollars: `\$18.90` is 18.90, `$x$` is x.
  [/\\\$/g, ''],
  [/\$/g, ''],
  // `\!` joins (`32,\!348`), with any space after it, as Math-Verify removes it.
  [/\\!\s*/g, ''],
  [/\\m?(?:left|right)(?![A-Za-z])\s*\.?/g, ''],
  [/\\[bB]igg?[lr]?(?![A-Za-z])/g, ''],
  [/\\(?:d|t|c)frac(?![A-Za-z])/g, '\\frac'],
  [/\\(?:math(?:rm|it|bf|sf|normal)|text(?:normal|bf|it|rm|sf|tt)|mbox|operatorname)(?![A-Za-z])/g, '\\text'],
  [/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ(?![A-Za-z])|\^\s*\{?\s*\\degree\s*\}?|\\degree(?![A-Za-z])|°/g, ''],
  // `{,}` keeps LaTeX from spacing after a comma: it is a comma.
  [/\{\s*,\s*\}/g, ','],
  [/\\text\s*\{\s*(?:and|or)\s*\}/g, ','],
  [/(?<![A-Za-z\\])\s*\b(?:and|or)\b(?![A-Za-z])/g, ','],
  [/\\text\s*\{\s*(?:percent|percentage|pct)\s*\}|\s*\b(?:percent|percentage|pct)\b/g, '\\%'],
  // Spacing commands; `\\ ` is a matrix row break followed by a space, not `\ `.
  [/(?<!\\)\\[,;: ]|\\q?quad(?![A-Za-z])|~/g, ' '],
  [/\\(?:infinity|infin)(?![A-Za-z])|\binfinity\b/g, '\\infty'],
];

/**
 * Unit words removed when they end an answer after a number (`12 inches`, `5 cm^2`). Only
 * words: Math-Verify's list also holds single letters (`t`, `s`, `m`, ...), which would turn
 * `4t` into 4; we keep those as symbols.
 */
const UNIT_WORDS = [
  'cm', 'mm', 'km', 'meters?', 'metres?', 'inch(?:es)?', 'in', 'feet', 'foot', 'ft', 'yards?', 'yd', 'miles?', 'mph',
  'kmh', 'kg', 'grams?', 'lbs?', 'pounds?', 'ounces?', 'oz', 'liters?', 'litres?', 'gallons?', 'degrees?', 'deg',
  'radians?', 'rad', 'cents?', 'dollars?', 'hours?', 'hrs?', 'minutes?', 'mins?', 'seconds?', 'secs?', 'days?',
  'weeks?', 'months?', 'years?', 'units?', 'square', 'sq', 'cubic', 'people', 'students?', 'ways',
];
const TRAILING_UNIT_WORD = new RegExp(`(\\d|\\}|\\s)\\s*(?:${UNIT_WORDS.join('|')})(?:\\s*\\^\\s*\\{?\\d\\}?)?\\s*$`, 'i');

/** The argument span of a trailing `\text{...}` (optionally `^2` / `^{2}` after it), if the answer ends with one. */
function trailingText(s: string): number {
  const re = /\\text\s*\{/g;
  let m: RegExpExecArray | null;
  let start = -1;
  while ((m = re.exec(s))) {
    const end = matchBrace(s, m.index + m[0].length - 1);
    if (end === -1) return -1;
    if (/^\s*(?:\^\s*(?:\d|\{\s*\d\s*\}))?\s*$/.test(s.slice(end))) start = m.index;
    re.lastIndex = end;
  }
  return start;
}

/**
 * `5 \text{ cm}^2` → `5`, `\frac{270}7\text{ degrees}` → `\frac{270}7`, `12 inches` → `12`.
 * A unit is removed only when something is left: `\text{Evelyn}` alone is the answer.
 */
function stripTrailingUnit(s: string): string {
  const at = trailingText(s);
  if (at > 0 && s.slice(0, at).trim()) s = s.slice(0, at).trim();
  for (let i = 0; i < 2; i++) {
    const next = s.replace(TRAILING_UNIT_WORD, '$1').trim();
    if (!next || next === s) break;
    s = next;
  }
  return s;
}

/** A whole answer like `7,425,000` or `32,348.5` is one number, not a list (Math-Verify reads it so too). */
const THOUSANDS = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * The answer with presentation, boxes, units and thousands separators removed. A `\boxed{}`
 * anywhere (also inside a ground truth) gives its content; several boxes are a list.
 */
export function cleanAnswer(latex: string): string {
  let s = latex;
  const boxes = extractAllBoxed(s);
  if (boxes.length) s = boxes.map((b) => cleanAnswer(b)).join(',');
  for (const [re, by] of PRESENTATION) s = s.replace(re, by);
  s = s.replace(/^[\s,]+|[\s,.]+$/g, '');
  s = stripTrailingUnit(s);
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  return s;
}
