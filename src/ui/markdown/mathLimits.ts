/**
 * What a formula from the data may cost before KaTeX sees it. KaTeX recurses once per group,
 * so `\frac` nested ~1000 deep overflows the stack inside rendering (a RangeError that
 * throwOnError does not catch), and its time grows with the formula (~60 µs a character on
 * this machine): a 2,000-character formula is ~100 ms of main thread. Macro definitions are
 * refused outright: `\def` lets 20 characters expand into megabytes of math or into nesting
 * no depth count of the source can see.
 */

/** Deepest nesting of `{…}`, `\left…\right` and `\begin…\end` rendered; readable math stays under 15. */
export const MAX_FORMULA_DEPTH = 40;
/** Longest formula rendered, in characters between its delimiters. */
export const MAX_FORMULA_LENGTH = 2_000;
/** Formula characters one rendering call (one piece of text) renders; the rest shows as source. */
export const MAX_MATH_PER_RENDER = 8_000;
/** KaTeX's own limits: macro expansions per formula, and the largest size (em) a \rule or \kern may ask for. */
export const KATEX_MAX_EXPAND = 1_000;
export const KATEX_MAX_SIZE = 10;

const MACRO_DEFINITION = /\\(?:[gex]?def|let|futurelet|(?:re)?newcommand|providecommand|global)(?![A-Za-z])/;
const OPENER = /\\(?:left|begin)(?![A-Za-z])/y;
const CLOSER = /\\(?:right|end)(?![A-Za-z])/y;

/** Deepest group nesting in `tex`; escaped braces (`\{`) are not groups. Linear, no recursion. */
export function formulaDepth(tex: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i];
    if (ch === '{') deepest = Math.max(deepest, ++depth);
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '\\') {
      OPENER.lastIndex = i;
      CLOSER.lastIndex = i;
      if (OPENER.test(tex)) deepest = Math.max(deepest, ++depth);
      else if (CLOSER.test(tex)) depth = Math.max(0, depth - 1);
      i++; // the escaped character (or the command's first letter) is not a brace
    }
  }
  return deepest;
}

/** Why a formula is not handed to KaTeX, or null when it may be. */
export function formulaRefusal(tex: string): string | null {
  const depth = formulaDepth(tex);
  if (depth > MAX_FORMULA_DEPTH) return `formula nested ${depth} deep (limit ${MAX_FORMULA_DEPTH})`;
  if (tex.length > MAX_FORMULA_LENGTH) {
    return `formula of ${tex.length.toLocaleString('en')} characters (limit ${MAX_FORMULA_LENGTH.toLocaleString('en')})`;
  }
  if (MACRO_DEFINITION.test(tex)) return 'formula defines macros';
  return null;
}
