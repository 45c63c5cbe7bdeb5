import { describe, expect, it } from 'vitest';
import { makeCodeSegment, makeOutputSegment, parseTrace } from '../trace';
import type { Trace } from '../trace/types';
import { lossMaskCheck, lossMaskProblems } from './lossMask';

const CODE = '```python\nprint(4)\n```\n';
const check = (text: string) => lossMaskCheck(parseTrace(text));

describe("CoRT's loss mask against the interpreter outputs", () => {
  it('passes when the regex masks exactly the output blocks', () => {
    const result = check(`Go.\n${CODE}\`\`\`output\n4\n\`\`\`\nSo 4.\n${CODE}\`\`\`output\n4\n\`\`\`\n</think>\\boxed{4}`);
    expect(result).toMatchObject({ status: 'pass', detail: 'masks the 2 output blocks exactly' });
    expect(check('No code at all.\n</think>\\boxed{1}')).toMatchObject({ status: 'pass' });
  });

  it('fails on a closing fence that ends in CRLF (the regex runs on to the next "```\\n")', () => {
    const result = check(`Go.\r\n${CODE}\`\`\`output\r\n4\r\n\`\`\`\r\nThen.\r\n${CODE}\`\`\`output\n4\n\`\`\`\n</think>`);
    expect(result.status).toBe('fail');
    expect(result.detail).toBe('output block s2 ends its closing fence with CRLF; the regex wants "```\\n" and runs on');
    expect(result.segmentIds).toHaveLength(1);
    // When the run-on match swallows a later output block, that block names the cause.
    const crlfCode = CODE.replace(/\n/g, '\r\n');
    const swallowing = check(`Go.\r\n${crlfCode}\`\`\`output\r\n4\r\n\`\`\`\r\n${crlfCode}\`\`\`output\n4\n\`\`\`\n`);
    expect(swallowing.detail).toBe(
      'output block s2 ends its closing fence with CRLF; the regex wants "```\\n" and runs on; output block s4 lies inside the mask running on from s2',
    );
  });

  it('fails on an output that contains ``` (the regex stops inside it)', () => {
    // As the studio writes it: one output segment holding the whole result.
    const trace: Trace = {
      segments: [
        { id: 'p', kind: 'prose', text: 'Go.\n', origin: 'model' },
        makeCodeSegment('print("a```\\nb")', 'python', { id: 'c' }),
        makeOutputSegment('a```\nb', { id: 'o' }),
        { id: 't', kind: 'think-end', text: '</think>', origin: 'model' },
      ],
    };
    const result = lossMaskCheck(trace);
    expect(result).toMatchObject({ status: 'fail', segmentIds: ['o'] });
    expect(result.detail).toBe('output block o contains "```" followed by a line break, where the regex stops early');
  });

  it('fails on an output block the model wrote itself (no code before it)', () => {
    const result = check('I think the output is:\n```output\n4\n```\nSo 4.\n</think>');
    expect(result.status).toBe('fail');
    expect(result.detail).toMatch(/the regex masks an output block written by the model \(no code before it\)/);
  });

  it('fails on an output block written by the model right after code (it did not stop)', () => {
    const trace = parseTrace(`Go.\n${CODE}\`\`\`output\n4\n\`\`\`\n`);
    trace.segments[2] = { ...trace.segments[2], origin: 'model' };
    expect(lossMaskCheck(trace).detail).toMatch(/written by model/);
  });

  it('fails on an output block at the very end without a line break', () => {
    const result = check(`Go.\n${CODE}\`\`\`output\n4\n\`\`\``);
    expect(result.detail).toContain('ends the response with no line break after its closing fence');
  });

  it('fails on an unclosed output block', () => {
    expect(check(`Go.\n${CODE}\`\`\`output\n4\n`).detail).toContain('is never closed');
  });

  it('fails on fences the parser accepts but the regex does not', () => {
    expect(check(`Go.\n${CODE}\`\`\`Output\n4\n\`\`\`\n`).detail).toContain('opens with "```Output"');
    expect(check(`Go.\n${CODE}\`\`\`\`output\n4\n\`\`\`\`\n`).status).toBe('fail');
    expect(check(`Go.\n${CODE}  \`\`\`output\n4\n\`\`\`\n`).status).toBe('fail');
    expect(check(`Go.\n${CODE}\`\`\`output\n4\n\`\`\`  \nok\n${CODE}\`\`\`output\n4\n\`\`\`\n`).detail).toContain('blanks after its closing fence');
  });

  it('fails on "```output" inside prose or code, which the regex masks although no interpreter wrote it', () => {
    const prose = check('The block starts with ```output and ends with ```\nThen.\n</think>');
    expect(prose.detail).toMatch(/the regex masks prose text in s0/);
    const code = check('Go.\n```python\ns = "```output"\nprint(s)\n```\n```output\n```output\n```\n');
    expect(code.status).toBe('fail');
  });

  it('names every problem with the segment to jump to', () => {
    const problems = lossMaskProblems(parseTrace(`A\n${CODE}\`\`\`output\r\n4\r\n\`\`\`\r\n\`\`\`output\nmade up\n\`\`\`\n`));
    expect(problems.map((p) => p.segmentId)).toEqual(['s2']);
  });
});
