/**
 * What a cell run leaves in the trace, and which outputs no longer describe their code.
 *
 * An output depends on its own code and on the cells before it (the notebook ran them in its
 * namespace; CoRT's program replays them). So an output is stale when its own code changed
 * since it was produced, or when an earlier cell changed — what it ran after no longer exists.
 */
import { applyRunResult } from './apply';
import { executableCodeSegments, recordedOutputFor } from './verify';
import type { RunResult } from './types';
import type { ExecutionSemantics, ExecutionSetup } from './semantics/profile';
import { CORT_PROFILE } from '../profiles/builtin';
import { codeBody } from '../trace';
import type { Segment, Trace } from '../trace/types';
import { closedCodeSegment } from '../profiles/blocks';
import { hashHex } from '../util/hash';

/** A fingerprint of the cells run before one (collisions only risk a missed stale mark). */
function upstreamFingerprint(codes: readonly string[]): string {
  return `${codes.length}:${hashHex(codes.join('\u0000'))}`;
}

/** Bodies of the executable cells above `codeSegmentId`, in trace order. */
function upstreamCodes(trace: Trace, codeSegmentId: string): string[] {
  const codes: string[] = [];
  for (const segment of executableCodeSegments(trace)) {
    if (segment.id === codeSegmentId) break;
    codes.push(codeBody(segment));
  }
  return codes;
}

/**
 * The trace after running `code` from cell `codeSegmentId` with `result`: an unclosed cell
 * gets its closing fence (the user ran it, so it is a finished call now), and the output
 * block is created or replaced (origin: interpreter) in the trace profile's form. The output
 * records the code that actually ran (the cell may have been edited while it ran), a
 * fingerprint of the cells above it, for `staleOutputIds`, and the semantics it ran under.
 * `setup`: the setup it ran under (or only its semantics: a CoRT-syntax trace).
 */
export function recordCellRun(trace: Trace, codeSegmentId: string, code: string, result: RunResult, setup?: ExecutionSemantics | Pick<ExecutionSetup, 'semantics' | 'traceProfile'>): Trace {
  const index = trace.segments.findIndex((s) => s.id === codeSegmentId);
  const cell = trace.segments[index];
  if (!cell || cell.kind !== 'code') return trace;
  const semantics = typeof setup === 'string' ? setup : setup?.semantics;
  const traceProfile = typeof setup === 'object' ? setup.traceProfile : CORT_PROFILE;
  let closed = trace;
  if (cell.closed === false) {
    const segments = trace.segments.slice();
    segments[index] = closedCodeSegment(cell, traceProfile);
    closed = { ...trace, segments };
  }
  const ran = applyRunResult(closed, codeSegmentId, result, traceProfile);
  const output = ran.segments[index + 1];
  if (output?.kind !== 'output' || output.origin !== 'interpreter' || result.omitted) return ran;
  const meta: Record<string, unknown> = { ...output.meta, ranCode: code, ranUpstream: upstreamFingerprint(upstreamCodes(ran, codeSegmentId)) };
  // Which semantics produced the output: a 'cort' output is what CoRT's pipeline writes there.
  if (semantics) meta.profile = semantics;
  const segments = ran.segments.slice();
  segments[index + 1] = { ...output, meta };
  return { ...ran, segments };
}

/** Whether a cell's code differs from the code as recorded before the annotator edited it. */
function editedSinceRecorded(cell: Segment): boolean {
  const recorded = cell.meta?.recordedCode;
  return typeof recorded === 'string' && recorded !== codeBody(cell);
}

const staleByTrace = new WeakMap<Trace, Set<string>>();

/** Ids of the output blocks that no longer match their code or the cells above it. */
export function staleOutputIds(trace: Trace): Set<string> {
  const cached = staleByTrace.get(trace);
  if (cached) return cached;
  const stale = new Set<string>();
  const above: string[] = [];
  let aboveEdited = false;
  for (const cell of executableCodeSegments(trace)) {
    const output = recordedOutputFor(trace, cell.id);
    if (output) {
      // Outputs run in the studio know their code and upstream; recorded ones are checked
      // against the code as recorded.
      const ranCode = output.meta?.ranCode;
      const ownChanged = typeof ranCode === 'string' ? ranCode !== codeBody(cell) : editedSinceRecorded(cell);
      const upstream = output.meta?.ranUpstream;
      const upstreamChanged = typeof upstream === 'string' ? upstream !== upstreamFingerprint(above) : aboveEdited;
      if (ownChanged || upstreamChanged) stale.add(output.id);
    }
    if (editedSinceRecorded(cell) || (output && stale.has(output.id))) aboveEdited = true;
    above.push(codeBody(cell));
  }
  staleByTrace.set(trace, stale);
  return stale;
}
