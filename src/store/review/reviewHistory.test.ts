import { describe, expect, it } from 'vitest';
import { HINT_1_DELAYED_CODE, insertHint } from '../../core/hints';
import type { Sample } from '../../core/sample/types';
import { sampleOf } from '../../core/sample/testing/sampleOf';
import { describeChange, withChange } from './reviewHistory';

const F = '```';
const text = `Let me add them by hand: 1 + 2 + 3 = 6.\n${F}python\nprint(6)\n${F}\n${F}output\n6\n${F}\n</think>\n\\boxed{6}`;
const base: Sample = sampleOf(text);
const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s)).toISOString();

describe('describeChange', () => {
  it('describes the declared change: a hint insertion with its cut, a continuation, an interpreter run, a hand edit', () => {
    const hinted = insertHint(base, 'Let me add them by hand: '.length, HINT_1_DELAYED_CODE, at(1));
    expect(describeChange('hint', base, hinted)).toMatchObject({ type: 'hint', detail: expect.stringMatching(/^hint-1 inserted; \d+ segments cut to a branch$/) });

    const continued: Sample = { ...hinted, trace: { segments: [...hinted.trace.segments, { id: 'm1', kind: 'prose', text: 'x = 1', origin: 'model' }] } };
    expect(describeChange('continuation', hinted, continued)).toMatchObject({ type: 'continuation', segmentIds: ['m1'] });

    const ran: Sample = { ...continued, trace: { segments: [...continued.trace.segments, { id: 'o1', kind: 'output', text: `${F}output\n1\n${F}\n`, origin: 'interpreter' }] } };
    expect(describeChange('run', continued, ran)).toMatchObject({ type: 'run', detail: '1 output written by the interpreter' });

    const edited: Sample = { ...base, trace: { segments: base.trace.segments.map((s, i) => (i === 0 ? { ...s, text: s.text.replace('hand', 'head') } : s)) } };
    expect(describeChange('edit', base, edited)).toMatchObject({ type: 'edit', detail: 'edited 1 segment' });
    expect(describeChange('edit', base, { ...base, status: 'ready' })).toBeNull();
  });

  it('folds a streaming burst into one event and starts a new one after a pause', () => {
    const change = { type: 'continuation' as const, detail: 'model continued the trace', segmentIds: ['m1'] };
    let s = withChange(base, change, 'ada', at(0));
    s = withChange(s, { ...change, segmentIds: ['m2'] }, 'ada', at(5));
    expect(s.history).toHaveLength(1);
    expect(s.history![0]).toMatchObject({ at: at(5), segmentIds: ['m1', 'm2'] });
    s = withChange(s, change, 'ada', new Date(Date.parse(at(5)) + 120_000).toISOString());
    expect(s.history).toHaveLength(2);
  });
});
