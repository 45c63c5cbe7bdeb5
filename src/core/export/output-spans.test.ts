/**
 * output_spans must be exactly what CoRT's trainer masks:
 *   re.finditer(r'```output([\s\S]*?)```\n', response)   (Python, code-point indices)
 * The scan below re-implements that regex independently, on code points, and is run
 * against the exporter on many generated traces — clean ones and messy ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTrace, outputBlockText, codeBlockText } from '../trace';
import type { Sample } from '../sample/types';
import { buildCortRecord } from './cort-record';
import { lossMaskCheck } from './lossMask';
import { hintedSample } from './testing/samples';

/** Python's finditer for ```output([\s\S]*?)```\n over a list of code points. */
function pythonOutputRegexSpans(text: string): Array<{ start: number; end: number }> {
  const cps = Array.from(text);
  const at = (i: number, lit: string) => Array.from(lit).every((ch, k) => cps[i + k] === ch);
  const spans: Array<{ start: number; end: number }> = [];
  let i = 0;
  while (i < cps.length) {
    if (!at(i, '```output')) {
      i += 1;
      continue;
    }
    // Lazy [\s\S]*?: the first "```\n" at or after the end of the literal.
    let j = i + 9;
    while (j < cps.length && !at(j, '```\n')) j += 1;
    if (j >= cps.length) break; // no later "```output" can close either
    spans.push({ start: i, end: j + 4 });
    i = j + 4;
  }
  return spans;
}

function exportOf(response: string) {
  const sample: Sample = { ...hintedSample, trace: parseTrace(response, 'model') };
  return buildCortRecord({ sample, checks: { ok: true, reasons: [], overridden: false } }, '');
}

const proseText = fc
  .array(fc.constantFrom('a', 'b', ' ', '\n', '`', '𝑥', '🙂', 'é', '\r', '```', 'output', '</think>', '\\boxed{1}'), { maxLength: 30 })
  .map((xs) => xs.join(''));
const blockBody = fc.array(fc.constantFrom('x = 1', 'print(x)', '🙂', '[1, 2]', 'a```b', ''), { maxLength: 4 }).map((xs) => xs.join('\n'));

/** Blocks as the studio writes them: fences at line starts, prose lines ended. */
const cleanPiece = fc.oneof(
  fc.array(fc.constantFrom('We compute ', '𝑥', '🙂', '\n', 'ok. ', '</think>\n'), { minLength: 1, maxLength: 8 }).map((xs) => xs.join('') + '\n'),
  blockBody.map((b) => codeBlockText(b)),
  blockBody.map((b) => outputBlockText(b.replace(/```/g, ''))),
);

/** Anything a real trace may hold, including broken fences. */
const messyPiece = fc.oneof(
  proseText,
  cleanPiece,
  blockBody.map((b) => '```output\n' + b + '\n```\r\n'),
  blockBody.map((b) => '```output\n' + b + '\n```'),
  blockBody.map((b) => '````output\n' + b + '\n````\n'),
  blockBody.map((b) => 'see ```output\n' + b + '\n```\n'),
);

describe('output_spans', () => {
  it('equal CoRT regex matches on messy traces (code-point offsets)', () => {
    fc.assert(
      fc.property(fc.array(messyPiece, { maxLength: 12 }), (pieces) => {
        const response = pieces.join('');
        expect(exportOf(response).output_spans).toEqual(pythonOutputRegexSpans(response));
      }),
      { numRuns: 500 },
    );
  });

  it('cover exactly the interpreter output blocks of studio-made traces (the loss-mask check passes)', () => {
    // As the studio writes them: prose, and code blocks each answered by the interpreter.
    const call = fc.tuple(blockBody, blockBody).map(([code, out]) => codeBlockText(code) + outputBlockText(out.replace(/```/g, '')));
    const studioPiece = fc.oneof(cleanPiece.filter((p) => !p.startsWith('```output')), call);
    fc.assert(
      fc.property(fc.array(studioPiece, { maxLength: 12 }), (pieces) => {
        const response = pieces.join('');
        expect(lossMaskCheck(parseTrace(response)).status).toBe('pass');
        const record = exportOf(response);
        expect(record.output_spans).toEqual(record.segments.filter((s) => s.kind === 'output').map(({ start, end }) => ({ start, end })));
      }),
      { numRuns: 300 },
    );
  });

  it('fail the loss-mask check when the regex disagrees with the trace (CRLF closing fence swallows the next code block)', () => {
    const response = 'a\n```python\nprint(4)\n```\n```output\n4\n```\r\nthen\n```python\nprint(1)\n```\n```output\n1\n```\n';
    const record = exportOf(response);
    // The regex runs from the first ```output to the second code block's closing fence.
    expect(record.output_spans[0]).toEqual({ start: response.indexOf('```output'), end: response.indexOf('```\n```output\n1') + 4 });
    expect(lossMaskCheck(parseTrace(response)).detail).toMatch(/ends its closing fence with CRLF/);
  });
});
