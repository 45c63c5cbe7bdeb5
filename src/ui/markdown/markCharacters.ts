/** The characters of an insertion mark (marks.ts), apart so the renderer can strip them without importing marks.ts. */
export const MARK = '\uE000';
/** U+E001…U+E00A are the digits 0…9 of a mark's index. */
export const DIGIT_ZERO = 0xe001;
export const MARK_CHARACTERS = /[\uE000-\uE00A]/;
/** A mark character, raw or percent-encoded (markdown-it encodes URLs). */
const ANY_MARK_CHARACTER = /[\uE000-\uE00A]|%EE%80%8[0-9A]/gi;

export const stripMarks = (text: string): string => text.replace(ANY_MARK_CHARACTER, '');
