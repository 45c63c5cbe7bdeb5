import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../trace';
import { traceFixture, traceFixtures } from '../testing/fixtures';
import { replayMarkers, replayReport } from './markers';

describe('replay report against the reference (symtable names)', () => {
  it('agrees on every block of every reference trace', () => {
    for (const f of traceFixtures()) expect(replayReport(f.context + f.response), f.name).toEqual(f.replay);
  });
});

describe('replay markers on the studio trace', () => {
  it('marks the loop-print cell with its reason and the name the next cell misses', () => {
    const f = traceFixture('loop-print-nameerror');
    const trace = parseTrace(f.response);
    const [marker, failed, ...rest] = replayMarkers(f.context, trace);
    expect(rest).toEqual([]);
    // The cell that raised NameError is not replayed either, but takes no name away.
    expect(failed).toMatchObject({ reason: 'error-output', missing: [] });
    expect(marker).toEqual({
      codeSegmentId: trace.segments.find((s) => s.kind === 'code')!.id,
      reason: 'print-remains',
      detail: 'CoRT will not replay this cell: "print" remains after it removes top-level prints (line 2)',
      missing: ['total'],
    });
  });

  it('marks an error-word output, and a replayed cell that loses a `printed = …` line', () => {
    const err = traceFixture('error-word-in-output');
    expect(replayMarkers(err.context, parseTrace(err.response))[0]).toMatchObject({ reason: 'error-output', missing: ['bound'] });
    const lost = traceFixture('printed-line-dropped-kept-block');
    const markers = replayMarkers(lost.context, parseTrace(lost.response));
    expect(markers[0]).toMatchObject({ reason: 'lost-lines', missing: ['pprint_width'], detail: 'CoRT replays this cell without line 1: it starts with "print"' });
  });

  it('marks nothing in a trace whose cells all replay', () => {
    const f = traceFixture('replay-ok');
    expect(replayMarkers(f.context, parseTrace(f.response))).toEqual([]);
  });
});
