/** Tokenizer for LaTeX answers, after the string-level clean-up (clean.ts). */
import { matchBrace } from '../../answer/latex';
import { cleanAnswer } from './clean';

export type Token =
  | { t: 'num'; v: string }
  /** A single letter (LaTeX math letters are one-character identifiers). */
  | { t: 'id'; v: string }
  /** A command without its backslash: `frac`, `pi`, `{` (for `\{`), `%` (for `\%`), `\\` (a matrix row break). */
  | { t: 'cmd'; v: string }
  /** The argument of `\text{...}`: a word, a choice letter, or a unit inside an expression. */
  | { t: 'text'; v: string }
  /** `\begin{pmatrix}` / `\end{pmatrix}` (and bmatrix, matrix): v is the environment. */
  | { t: 'begin' | 'end'; v: string }
  | { t: 'op'; v: string };

export class AnswerSyntaxError extends Error {}

/** Reads `{name}` after `\begin`/`\end`. */
function environmentName(s: string, i: number): { name: string; end: number } {
  const m = /^\s*\{\s*([A-Za-z*]+)\s*\}/.exec(s.slice(i));
  if (!m) throw new AnswerSyntaxError('\\begin/\\end without an environment name');
  return { name: m[1], end: i + m[0].length };
}

export function tokenize(latex: string): Token[] {
  const s = cleanAnswer(latex);
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (/[0-9.]/.test(ch)) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(s.slice(i));
      if (!m) throw new AnswerSyntaxError(`stray "." at ${i}`);
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z]/.test(ch)) {
      out.push({ t: 'id', v: ch });
      i++;
    } else if (ch === '\\') {
      const m = /^\\(?:([A-Za-z]+)|(.))/s.exec(s.slice(i));
      if (!m) throw new AnswerSyntaxError('trailing backslash');
      const name = m[1] ?? m[2];
      i += m[0].length;
      if (name === 'text') {
        while (s[i] === ' ') i++;
        if (s[i] !== '{') throw new AnswerSyntaxError('\\text without an argument');
        const end = matchBrace(s, i);
        if (end === -1) throw new AnswerSyntaxError('unclosed \\text{');
        out.push({ t: 'text', v: s.slice(i + 1, end - 1).trim() });
        i = end;
      } else if (name === 'begin' || name === 'end') {
        const env = environmentName(s, i);
        out.push({ t: name, v: env.name });
        i = env.end;
      } else {
        out.push({ t: 'cmd', v: name });
      }
    } else if (ch === '%') {
      out.push({ t: 'cmd', v: '%' });
      i++;
    } else {
      out.push({ t: 'op', v: ch });
      i++;
    }
  }
  return out;
}
