/**
 * Data on a terminal is shown, never obeyed. A dataset's text may hold escape sequences
 * (ESC [ … m recolours, ESC ] 0; … sets the window title, OSC 52 writes the clipboard, CSI
 * through the C1 byte U+009B), carriage returns and backspaces that overwrite what was
 * printed, and bidirectional overrides that reorder it. Everything the commands print for a
 * person goes through here; byte-exact output (`render` into a pipe, exported files) does not.
 */

/** C0 controls but line feed and tab, DEL, C1 controls, bidi marks/embeddings/overrides/isolates, line/paragraph separators. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same plus line feed and tab, for one-line table cells. */
const UNSAFE_IN_CELL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw that a terminal would still obey or reorder. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\u001b': '\\e' };

/** A visible stand-in for one unsafe character: \e for ESC, \r, \n, \t, else \xHH or \uHHHH. */
function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** Text for a terminal: every control character made visible; line breaks and tabs kept. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** One table cell: as escapeControls, and line breaks and tabs made visible too, so a row stays one line. */
export function escapeCell(text: string): string {
  return text.replace(UNSAFE_IN_CELL, visible);
}

/** One JSON line: the same value for any JSON reader, with nothing a terminal would act on left raw. */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
