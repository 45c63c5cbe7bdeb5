/**
 * How well the answer checker reads real ground truths: for every `gt_answer` of a CoRT
 * problem file, the verdict of the gt against (1) itself, (2) a plainly rewritten form a model
 * might box instead (no `\left`, `\dfrac`, `\$`, units, `\text{}`; `\frac{a}{b}` as `(a)/(b)`;
 * set elements and sum terms reversed; decimals as fractions; integers as `27.0`), which must
 * be equal, and (3) a perturbed form
 * (one digit changed), which must not be. SymPy runs in Pyodide in Node.
 *
 *   npx tsx scripts/answer-gt-check.ts path/to/test_math500.reason_step.jsonl [--list]
 *
 * The rewrites below are deliberately naive string edits, independent of the checker's own
 * clean-up, so the figure measures the checker rather than echoing it.
 */
import { readFileSync } from 'node:fs';
import { answerVerdict, parseAnswer, type Verdict } from '../src/core/checks/answer';
import { createNodeExecutor } from '../src/python/node';

/** A brace group with at most one level of braces inside: `{\sqrt{3}}`. */
const GROUP = String.raw`\{((?:[^{}]|\{[^{}]*\})*)\}`;

/** `\frac{A}{B}` → `(A)/(B)`, innermost first. */
function fractionsAsDivision(s: string): string {
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(new RegExp(String.raw`\\[dt]?frac\s*${GROUP}\s*${GROUP}`), '($1)/($2)').replace(/\\[dt]?frac\s*(\d)\s*(\d)/, '$1/$2');
  }
  return s;
}

/** `1.25` → `\frac{125}{100}`: a decimal as a fraction of integers. */
function decimalsAsFractions(s: string): string {
  return s.replace(/(?<![\d.])(\d*)\.(\d+)(?![\d.])/g, (_, whole: string, frac: string) => `\\frac{${whole || '0'}${frac}}{1${'0'.repeat(frac.length)}}`);
}

/** `x^2 - 3x + 1` → `1 - 3x + x^2`: the terms of a plain sum (no brackets or commands) in reverse order. */
function reverseTerms(s: string): string {
  if (!/^[\w^ ]+(?:[+-][\w^ ]+)+$/.test(s.trim())) return s;
  const terms = s.trim().match(/^[^+-]+|[+-][^+-]+/g) ?? [];
  return terms
    .reverse()
    .map((t, i) => (i === 0 ? t.replace(/^\+/, '') : /^[+-]/.test(t) ? t : `+${t}`))
    .join('');
}

/** `a, b`-style lists and sets:  a bare top-level list `a, b` with its elements in reverse order (no nesting). */
function reverseSet(s: string): string {
  const set = /^\\\{([^{}()\\[\]]*)\\\}$/.exec(s.trim());
  if (set) return `\\{${set[1].split(',').reverse().join(',')}\\}`;
  if (/^[^{}()[\]\\]*,[^{}()[\]\\]*$/.test(s)) return s.split(',').reverse().join(',');
  return s;
}

export function plainRewrite(gt: string): string {
  let s = gt
    .replace(/\\left|\\right/g, '')
    .replace(/\\\$/g, '')
    .replace(/,\\!\s*/g, '')
    .replace(/^(\d{1,3}),(\d{3})$/, '$1$2')
    // A mixed number keeps its plus.
    .replace(/^(\d+)\s*\\frac/, '$1+\\frac')
    // `3\sqrt{13}` → `\sqrt{13} \cdot 3`
    .replace(/^(\d+)\s*\\sqrt\{(\d+)\}$/, '\\sqrt{$2} \\cdot $1')
    .replace(/\^\\circ|\^\{\\circ\}/g, '')
    .replace(/\s*\\(?:text|mbox)\{\s*(?:cm|inches|cents|degrees|units)\s*\}(\^2)?$/, '')
    .replace(/\\text\{\(?([A-Za-z ]+)\)?\}/g, '$1')
    .replace(/^[a-z]\s*=\s*/, '');
  s = fractionsAsDivision(s);
  s = decimalsAsFractions(s);
  s = reverseSet(s);
  s = reverseTerms(s);
  // A plain integer as a float, the way AMC ground truths are written (`27.0`).
  s = s.replace(/^(-?\d+)$/, '$1.0');
  return s.replace(/\\begin\{pmatrix\}/g, '\\begin{bmatrix}').replace(/\\end\{pmatrix\}/g, '\\end{bmatrix}');
}

/** The first digit of the answer changed (9 → 8, else +1): a different answer. */
export function perturb(gt: string): string | null {
  const m = /\d/.exec(gt);
  if (!m) return null;
  const d = Number(m[0]);
  return gt.slice(0, m.index) + String(d === 9 ? 8 : d + 1) + gt.slice(m.index + 1);
}

async function main(): Promise<void> {
  const [file, ...flags] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx scripts/answer-gt-check.ts FILE.jsonl [--list]');
  const list = flags.includes('--list');
  const gts = readFileSync(file, 'utf8').trim().split('\n').map((line) => String(JSON.parse(line).gt_answer));
  const executor = createNodeExecutor();
  const tally = { parsed: 0, self: 0, rewritten: 0, rewrittenEqual: 0, perturbed: 0, perturbedDifferent: 0 };
  const misses: string[] = [];
  try {
    for (const gt of gts) {
      if (parseAnswer(gt).ok) tally.parsed++;
      if ((await answerVerdict(gt, gt, executor)).verdict === 'equal') tally.self++;
      else misses.push(`self       ${gt}`);
      const plain = plainRewrite(gt);
      if (plain !== gt) {
        tally.rewritten++;
        const v = await answerVerdict(plain, gt, executor);
        if (v.verdict === 'equal') tally.rewrittenEqual++;
        else misses.push(`rewritten  ${gt}  →  ${plain}  : ${v.verdict} (${v.method}: ${v.detail})`);
      }
      const wrong = perturb(gt);
      if (wrong !== null) {
        tally.perturbed++;
        const v: Verdict = (await answerVerdict(wrong, gt, executor)).verdict;
        if (v === 'different') tally.perturbedDifferent++;
        else misses.push(`perturbed  ${gt}  →  ${wrong}  : ${v}`);
      }
    }
  } finally {
    await executor.dispose();
  }
  const n = gts.length;
  console.log(`${file}: ${n} ground truths`);
  console.log(`  parsed:                 ${tally.parsed}/${n}`);
  console.log(`  equal to itself:        ${tally.self}/${n}`);
  console.log(`  equal to plain rewrite: ${tally.rewrittenEqual}/${tally.rewritten} (the others have no rewrite)`);
  console.log(`  perturbed → different:  ${tally.perturbedDifferent}/${tally.perturbed}`);
  if (list) for (const m of misses) console.log(`  ${m}`);
}

if (process.argv[1]?.endsWith("answer-gt-check.ts")) await main();
