/**
 * Key bindings as data. A chord is a string: modifiers in the order `Mod`, `Alt`, `Shift`,
 * then the key as `KeyboardEvent.key` gives it — `j`, `Shift+C`, `Mod+Z`, `Mod+Shift+Z`,
 * `Shift+Enter`, `Escape`, `?`, `/`. `Mod` is Ctrl (Cmd on macOS; either is accepted).
 * Letters are written upper case after `Shift+` and lower case without it; other printed
 * characters (`?`, `[`, `,`) carry no `Shift+`, since the character already says it. A key
 * press is read the same way: the letter typed decides, whatever the Shift flag says.
 */

export type KeyChord = string;

/** The parts of a key event a binding looks at (a DOM KeyboardEvent has them all). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const MODIFIER_ORDER = ['Mod', 'Alt', 'Shift'] as const;
const isLetter = (key: string) => key.length === 1 && key.toLowerCase() !== key.toUpperCase();

/** The canonical form of a chord as written in a binding (`shift+c` → `Shift+C`). */
export function normalizeChord(chord: KeyChord): KeyChord {
  const parts = chord === '+' ? ['+'] : chord.split(/\+(?=.)/);
  const key = parts.pop()!;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  for (const m of mods) if (!['mod', 'alt', 'shift'].includes(m)) throw new Error(`Unknown modifier "${m}" in key binding "${chord}"`);
  // "C" alone is what Shift+c types: write it as Shift+C.
  if (isLetter(key) && key !== key.toLowerCase()) mods.add('shift');
  const shifted = mods.has('shift');
  const name = isLetter(key) ? (shifted ? key.toUpperCase() : key.toLowerCase()) : key;
  return [...MODIFIER_ORDER.filter((m) => mods.has(m.toLowerCase())), name].join('+');
}

/** The chord a key press makes, in the same canonical form. */
export function chordOf(press: KeyPress): KeyChord {
  const mods: string[] = [];
  if (press.ctrlKey || press.metaKey) mods.push('Mod');
  if (press.altKey) mods.push('Alt');
  const key = press.key;
  // A printed character already says whether Shift was held: "?" is Shift+/, "C" is Shift+c.
  // With Ctrl or Alt some platforms report the letter in lower case: then the flag decides.
  let shifted = false;
  if (isLetter(key)) shifted = key !== key.toLowerCase() || (press.shiftKey && mods.length > 0);
  else shifted = press.shiftKey && key.length > 1;
  if (shifted) mods.push('Shift');
  const name = isLetter(key) ? (shifted ? key.toUpperCase() : key.toLowerCase()) : key;
  return [...mods, name].join('+');
}

const KEY_NAMES: Record<string, string> = {
  Escape: 'Esc',
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  ' ': 'Space',
};

/** How a chord reads on key caps: its parts, e.g. `Mod+Shift+Z` → ["Ctrl", "Shift", "Z"]. */
export function chordParts(chord: KeyChord, mac = false): string[] {
  const parts = chord === '+' ? ['+'] : chord.split(/\+(?=.)/);
  // With Ctrl or Alt a letter reads as its cap (Ctrl+Z); alone, case says whether Shift is held.
  const withModifier = parts.includes('Mod') || parts.includes('Alt');
  return parts.map((p, i) => {
    if (p === 'Mod') return mac ? '⌘' : 'Ctrl';
    if (i === parts.length - 1 && withModifier && isLetter(p)) return p.toUpperCase();
    return KEY_NAMES[p] ?? p;
  });
}

/** A chord as one line of text (for tables and tooltips): `Ctrl+Shift+Z`, `Esc`, `Shift+C`. */
export function formatChord(chord: KeyChord, mac = false): string {
  return chordParts(chord, mac).join('+');
}
