import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTrace, segmentOffsets } from '../trace';
import { anyResponse } from '../trace/testing/arbitrary';
import { parseTrace } from '../trace/parse';
import {
  BUILTIN_PROFILES,
  codeContent,
  detectProfile,
  detectProfileOfText,
  getProfile,
  interpreterRanges,
  outputContent,
  parseWithProfile,
  pyJsonDumps,
  traceProfileProblems,
  type TraceProfileId,
} from './index';
import { profileTraceText } from './testing/arbitrary';

type Piece = ['model' | 'interpreter', string];
type Fixture = Record<string, { pieces: Piece[]; codes: string[] }>;
const readFixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, `fixtures/${name}`), 'utf8')) as Fixture;
/** reference.json: a reference trace for each tool-calling profile; execution.json: more of each harness (several blocks a turn, silent code, stdin...). */
const reference: Fixture = {
  ...readFixture('reference.json'),
  ...Object.fromEntries(Object.entries(readFixture('execution.json')).map(([id, v]) => [`${id} (execution)`, v])),
};

/** The interpreter's [start, end) ranges in the joined text, from the reference's own tags. */
function referenceRanges(pieces: Piece[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let at = 0;
  for (const [writer, text] of pieces) {
    if (writer === 'interpreter') ranges.push([at, at + text.length]);
    at += text.length;
  }
  return ranges;
}

describe.each(BUILTIN_PROFILES.map((p) => p.id))('profile %s: parse and render', (id) => {
  const profile = getProfile(id);

  it('gives back the same bytes for every string, messy profile markers included', () => {
    fc.assert(
      fc.property(fc.oneof(anyResponse, profileTraceText), (s) => {
        const trace = parseWithProfile(s, profile);
        expect(renderTrace(trace)).toBe(s);
        expect(trace.segments.every((seg) => seg.text.length > 0)).toBe(true);
        expect(trace.segments.filter((seg) => seg.kind === 'think-end').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1500 },
    );
  });

  it('leaves only the last block unclosed, and masks nothing but output segments', () => {
    fc.assert(
      fc.property(profileTraceText, (s) => {
        const trace = parseWithProfile(s, profile);
        trace.segments.forEach((seg, i) => {
          if ((seg.kind === 'code' || seg.kind === 'output') && seg.closed === false) expect(i).toBe(trace.segments.length - 1);
        });
        const offsets = segmentOffsets(trace);
        for (const [start, end] of interpreterRanges(trace, profile)) {
          const i = offsets.findIndex((o, k) => o <= start && end <= offsets[k + 1]);
          expect(trace.segments[i].kind).toBe('output');
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe('the CoRT profile is the parser as it was', () => {
  it('parses exactly as parseTrace without a profile', () => {
    fc.assert(
      fc.property(fc.oneof(anyResponse, profileTraceText), (s) => {
        expect(parseWithProfile(s, getProfile('cort'))).toEqual(parseTrace(s));
      }),
      { numRuns: 1500 },
    );
  });
});

describe.each(Object.keys(reference))('reference trace of %s (written by scripts/reference/profile_traces.py)', (key) => {
  const { pieces, codes } = reference[key]!;
  const id = key.split(' ')[0] as TraceProfileId;
  const text = pieces.map(([, t]) => t).join('');
  const profile = getProfile(id);
  const trace = parseWithProfile(text, profile);

  it('imports and renders back byte for byte', () => {
    expect(renderTrace(trace)).toBe(text);
  });

  it('masks exactly what the interpreter wrote', () => {
    expect(interpreterRanges(trace, profile)).toEqual(referenceRanges(pieces));
  });

  it('reads every code call back', () => {
    const calls = trace.segments.filter((s) => s.kind === 'code').map((s) => codeContent(s, profile));
    expect(calls.map((c) => c?.code.trim())).toEqual(codes.map((c) => c.trim()));
  });

  it('renders every block the way the project writes it', () => {
    for (const seg of trace.segments) {
      if (seg.kind === 'code') expect(codeContent(seg, profile)?.canonical, seg.text).toBe(id !== 'simpletir');
      if (seg.kind === 'output') expect(outputContent(seg, profile).canonical, seg.text).toBe(true);
    }
  });

  it('is detected from its markers (ToRL writes CoRT fences: it needs the record to say so)', () => {
    expect(detectProfileOfText(text)).toBe(id === 'torl' ? 'cort' : id);
    expect(detectProfile(text, { profile: id })).toBe(id);
  });
});

describe("SimpleTIR's code regex", () => {
  it('finds exactly the blocks r"```(?:py|python)?\\n(.*?)\\n```" finds, one after another', () => {
    const simpletir = getProfile('simpletir');
    fc.assert(
      fc.property(fc.oneof(anyResponse, profileTraceText).filter((s) => !s.includes('Code execution result')), (s) => {
        const expected = [...s.matchAll(/```(?:py|python)?\n[\s\S]*?\n```/g)].map((m) => m[0]);
        const found = parseWithProfile(s, simpletir).segments.filter((seg) => seg.kind === 'code' && seg.closed).map((seg) => seg.text);
        expect(found).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hand-picked cases', () => {
  it('keeps a CoRT trace that mentions tags in prose CoRT', () => {
    expect(detectProfileOfText('We could write <code> or <tool_call> here.\n```python\nprint(1)\n```\n')).toBe('cort');
    expect(detectProfile('x', { agent_name: 'rstar2_agent' })).toBe('rstar2');
  });

  it('accepts ReTool\'s own evaluation form as well as the SFT form', () => {
    // evaluation/eval.py: "</code>\n" + "<interpreter>\n" + result + "</interpreter>\n\n"
    const text = 'Go.\n<code>\n```python\nprint(2)\n```\n</code>\n<interpreter>\n2</interpreter>\n\nSo 2.';
    const profile = getProfile('retool');
    const segs = parseWithProfile(text, profile).segments;
    expect(segs.map((s) => [s.kind, s.text])).toEqual([
      ['prose', 'Go.\n'],
      ['code', '<code>\n```python\nprint(2)\n```\n</code>'],
      ['output', '\n<interpreter>\n2</interpreter>\n\n'],
      ['prose', 'So 2.'],
    ]);
    expect(outputContent(segs[2], profile)).toEqual({ result: '2', canonical: false });
  });

  it('ends a SimpleTIR error result after its one line and a stdout result after its blank line', () => {
    const profile = getProfile('simpletir');
    const text = 'A.```py\nx\n```\nCode execution result: NameError: x\nB.```python\nprint(1)\n```\nCode execution result: 1\n\nC.';
    expect(parseWithProfile(text, profile).segments.map((s) => [s.kind, s.text])).toEqual([
      ['prose', 'A.'],
      ['code', '```py\nx\n```'],
      ['output', '\nCode execution result: NameError: x\n'],
      ['prose', 'B.'],
      ['code', '```python\nprint(1)\n```'],
      ['output', '\nCode execution result: 1\n\n'],
      ['prose', 'C.'],
    ]);
  });

  it('keeps an opened block at the end open (a Hint-1 waiting for its code)', () => {
    expect(parseWithProfile('Tedious.\n<code>\n```python\n', getProfile('retool')).segments.at(-1)).toMatchObject({ kind: 'code', closed: false });
    expect(parseWithProfile('Tedious.```python\nx = 1', getProfile('simpletir')).segments.at(-1)).toMatchObject({ kind: 'code', closed: false });
  });

  it('reads a ReTool answer region after <answer>', () => {
    const segs = parseWithProfile('Thus.\n\n<answer>\n\\boxed{6}\n</answer>', getProfile('retool')).segments;
    expect(segs.map((s) => s.kind)).toEqual(['prose', 'think-end', 'answer']);
  });

  it('writes tool-call JSON as Python json.dumps does', () => {
    expect(pyJsonDumps({ name: 'f', arguments: { code: 'print("é")\n', input: '' } })).toBe('{"name": "f", "arguments": {"code": "print(\\"é\\")\\n", "input": ""}}');
  });
});

describe('profiles are valid data', () => {
  it.each(BUILTIN_PROFILES.map((p) => [p.id, p] as const))('%s validates against schemas/trace-profile.schema.json', (_, profile) => {
    expect(traceProfileProblems(JSON.parse(JSON.stringify(profile)))).toEqual([]);
  });

  it('names what is wrong in an edited profile', () => {
    const edited = { ...JSON.parse(JSON.stringify(getProfile('retool'))), execution: { semantics: 'jupyter', prelude: null, lastExpression: 'ignored', timeoutSeconds: 0 } };
    expect(traceProfileProblems(edited)).toEqual(expect.arrayContaining([expect.stringMatching(/^\/execution\/semantics must be equal to one of the allowed values/)]));
  });

  it('names a source for every kind of fact it states', () => {
    for (const profile of BUILTIN_PROFILES) expect(Object.keys(profile.sources).length, profile.id).toBeGreaterThanOrEqual(2);
  });
});
