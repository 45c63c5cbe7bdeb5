/** Small LaTeX scanning helper shared by box extraction and the answer checker's clean-up. */

/**
 * Index just past the `}` matching the `{` at `open`, or -1 when it never closes.
 * Escaped braces `\{` `\}` (and any other `\`-escaped char) do not count.
 */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}
