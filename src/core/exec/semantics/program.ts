/**
 * The program CoRT runs at a call (infer/parser.py, `extract_jupyter_like_program`): every
 * earlier block it replays, then the last block. Pure: the CLI, the server and the browser
 * build the same bytes.
 *
 * Replay rule for an earlier block, in CoRT's order:
 * 1. a block whose code contains ```` ```python ```` is dropped;
 * 2. a block whose paired output, lowercased, contains `error`, `exception` or `traceback` is
 *    dropped whole (its imports too);
 * 3. otherwise blank lines and lines *starting* (no indentation) with `print`, `sp.pprint`,
 *    `sympy.pprint`, `pprint` or `rprint` are removed — `printed = 3` too — and the block is
 *    dropped whole if the substring `print` is still anywhere in it (an indented print, a
 *    helper that prints, `blueprint`, a comment).
 * The last block is appended as it is, without its trailing line break; when its code holds
 * ```` ```python ````, only the text after the last one.
 */
import { CORT_OPEN, cortBlocks, type CortBlock } from './blocks';
import { pythonStrip } from './python-text';

const PRINT_PREFIXES = ['print', 'sp.pprint', 'sympy.pprint', 'pprint', 'rprint'];
const ERROR_WORDS = ['error', 'exception', 'traceback'] as const;

export type DropReason =
  /** The code holds the text ```` ```python ````. */
  | 'contains-fence'
  /** The paired output contains error / exception / traceback (any case). */
  | 'error-output'
  /** `print` is still in the code after top-level print lines were removed. */
  | 'print-remains';

export type ReplayDecision =
  | {
      replayed: true;
      /** The text CoRT replays (blank and top-level print lines removed; ends with `\n`). */
      replayedCode: string;
      /** 1-based lines of the block's code removed because they start with a print prefix
       *  without being a print call (`printed = 3`): the names they define are lost. */
      lostLines: number[];
    }
  | {
      replayed: false;
      reason: DropReason;
      /** For 'error-output': which word matched. */
      word?: (typeof ERROR_WORDS)[number];
      /** For 'print-remains': 1-based lines of the code where `print` remains. */
      printLines?: number[];
    };

/** Top-level print-like lines CoRT removes, and what remains. */
function withoutPrints(code: string): { kept: string[]; removed: number[] } {
  const kept: string[] = [];
  const removed: number[] = [];
  code.split('\n').forEach((line, i) => {
    if (!pythonStrip(line)) return;
    if (PRINT_PREFIXES.some((p) => line.startsWith(p))) removed.push(i + 1);
    else kept.push(line);
  });
  return { kept, removed };
}

/** Whether a removed line was something other than a print call (its definitions are lost). */
const isPrintCall = (line: string) => /^(?:print|sp\.pprint|sympy\.pprint|pprint|rprint)\s*\(/.test(line);

/** How CoRT treats `block` when it is not the last one. */
export function replayDecision(block: Pick<CortBlock, 'code' | 'output'>): ReplayDecision {
  if (block.code.includes(CORT_OPEN)) return { replayed: false, reason: 'contains-fence' };
  const lowered = block.output.toLowerCase();
  const word = ERROR_WORDS.find((w) => lowered.includes(w));
  if (word) return { replayed: false, reason: 'error-output', word };
  const { kept, removed } = withoutPrints(block.code);
  const replayedCode = kept.length ? kept.join('\n') + '\n' : '';
  if (replayedCode.includes('print')) {
    const lines = block.code.split('\n');
    const printLines = lines.flatMap((line, i) => (!removed.includes(i + 1) && line.includes('print') ? [i + 1] : []));
    return { replayed: false, reason: 'print-remains', printLines };
  }
  const lines = block.code.split('\n');
  return { replayed: true, replayedCode, lostLines: removed.filter((n) => !isPrintCall(lines[n - 1]!)) };
}

export interface CortProgram {
  /** Exactly what CoRT's executor would run ('' when the text has no block). */
  program: string;
  /** Every block CoRT sees in the text; the last one is the call's own. */
  blocks: CortBlock[];
  /** How each block but the last is treated. */
  decisions: ReplayDecision[];
}

/** The program of a call whose text so far (prompt + response, chat-templated) is `text`. */
export function cortProgram(text: string): CortProgram {
  const blocks = cortBlocks(text);
  if (!blocks.length) return { program: '', blocks, decisions: [] };
  const decisions = blocks.slice(0, -1).map(replayDecision);
  let program = '';
  for (const d of decisions) if (d.replayed) program += d.replayedCode;
  let last = blocks.at(-1)!.code;
  const k = last.lastIndexOf(CORT_OPEN);
  if (k >= 0) last = last.slice(k + CORT_OPEN.length);
  return { program: program + last, blocks, decisions };
}
