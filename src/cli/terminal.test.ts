import { describe, expect, it } from 'vitest';
import { escapeCell, escapeControls, jsonLine } from './terminal';

/** Every trick a dataset could play on a terminal. */
const TERMINAL_ATTACKS = [
  '\u001b[31mred\u001b[0m', // SGR colour
  '\u001b]0;pwned title\u0007', // OSC: window title
  '\u001b]52;c;cm0gLXJmIH4=\u0007', // OSC 52: write the clipboard
  '\u009b2J', // C1 CSI: clear screen
  'safe\rEVIL', // carriage return overwrites the line
  'abc\u0008\u0008\u0008XYZ', // backspaces
  'admin\u202Etxt.exe', // right-to-left override
  '\u2066isolate\u2069',
  'nul\u0000del\u007f',
];

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal escaping', () => {
  it('leaves no character a terminal obeys, and shows each one', () => {
    for (const attack of TERMINAL_ATTACKS) {
      expect(escapeControls(attack), attack).not.toMatch(CONTROL);
      expect(escapeCell(attack), attack).not.toMatch(CONTROL);
    }
    expect(escapeControls('\u001b[31mred\u001b[0m')).toBe('\\e[31mred\\e[0m');
    expect(escapeControls('safe\rEVIL')).toBe('safe\\rEVIL');
    expect(escapeControls('\u009b2J')).toBe('\\x9b2J');
    expect(escapeControls('admin\u202Etxt.exe')).toBe('admin\\u202etxt.exe');
  });

  it('keeps ordinary text, line breaks and tabs for messages; a table cell stays on one line', () => {
    expect(escapeControls('Ünïcode ∑ 数学 😀\n\tindented')).toBe('Ünïcode ∑ 数学 😀\n\tindented');
    expect(escapeCell('two\nlines\tand tab')).toBe('two\\nlines\\tand tab');
  });

  it('JSON lines read back to the exact data and hold nothing raw a terminal would act on', () => {
    const value = { id: TERMINAL_ATTACKS.join('|'), n: 1 };
    const line = jsonLine(value);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(line)).toEqual(value);
  });
});
