/**
 * Running code from the studio: a cell (its output goes into the trace as the cell's output
 * block, origin interpreter), Run all (every cell again in a fresh namespace, compared with
 * the recorded outputs, which are never overwritten until the user accepts one), interrupt,
 * and restarting a sample's interpreter. Each sample's code runs in its own interpreter from
 * the runtime manager; its status comes into the state from there.
 */
import { executableCodeSegments, recordCellRun, recordedOutputFor, verifyTrace } from '../../core/exec';
import { DEFAULT_CELL_TIMEOUT_MS, type RunResult } from '../../core/exec/types';
import { editCodeCell } from '../../core/trace/cellText';
import { codeBody } from '../../core/trace';
import { defineCommand, type Call } from '../commands/types';
import { sampleRunning } from '../commands/scope';
import type { StudioContext } from '../context';
import { cursorStepOf, sampleInView } from '../sample/selectors';
import type { StudioState } from '../state';
import { cellKey, openDifferences, type BlockDecision, type PythonState, type ReproducedBlock, type RunAllState } from './state';

/** The per-call limit the user set (Settings → sampling), else CoRT's 30 s. */
export function cellTimeoutMs(state: StudioState): number {
  const limit = state.settings?.sampling?.callTimeoutMs;
  return typeof limit === 'number' && limit > 0 ? limit : DEFAULT_CELL_TIMEOUT_MS;
}

/**
 * Keeps the state's view of the interpreters current (status per sample, the spare), and
 * boots the spare in idle time once the studio is up, so Python is warm when a sample opens.
 * Opening a sample claims its interpreter at once.
 */
export function startPythonSession(ctx: StudioContext): () => void {
  const python = ctx.deps.python;
  if (!python) return () => {};
  const sync = () => ctx.set({ python: { ...ctx.get().python, kernels: python.statuses(), spare: python.spareStatus() ?? null } });
  const stopSync = python.subscribe(sync);
  let warmed = ctx.deps.warmUpPython === false;
  const stopWatch = ctx.store.subscribe((s, prev) => {
    if (s.ready && !warmed) {
      warmed = true;
      ctx.clock.idle(() => python.warmUp());
    }
    if (s.view === 'sample' && s.openSampleId && (s.openSampleId !== prev.openSampleId || prev.view !== 'sample')) {
      // The sample's interpreter is the spare booted ahead: claim it now, before the first run.
      python.claim(s.openSampleId);
    }
  });
  return () => {
    stopSync();
    stopWatch();
  };
}

export function pythonCommands(ctx: StudioContext) {
  const { get, set } = ctx;
  const patchPython = (change: (p: PythonState) => Partial<PythonState>) => set({ python: { ...get().python, ...change(get().python) } });
  const setResult = (key: string, result: RunResult) => patchPython((p) => ({ results: { ...p.results, [key]: result } }));
  const patchRunAll = (sampleId: string, change: Partial<RunAllState>) =>
    patchPython((p) => (p.runAll[sampleId] ? { runAll: { ...p.runAll, [sampleId]: { ...p.runAll[sampleId]!, ...change } } } : {}));
  const stopRequests = new Set<string>();
  let editToken = 0;

  /** Runs `code` as cell `segmentId` and writes its output block; never throws. */
  async function runCell(call: Call, sampleId: string, segmentId: string, code: string): Promise<RunResult> {
    const key = cellKey(sampleId, segmentId);
    const python = ctx.deps.python;
    let result: RunResult;
    try {
      if (!python) throw new Error('No Python runtime in this studio.');
      result = await python.forSample(sampleId).run(sampleId, code, { timeoutMs: cellTimeoutMs(get()), label: key });
    } catch (error) {
      // Python did not start: say so on the cell, leave the trace alone.
      const message = error instanceof Error ? error.message : String(error);
      result = { status: 'crashed', output: '', full: '', durationMs: 0, message };
      setResult(key, result);
      return result;
    }
    call.write(sampleId, (sample) => ({ ...sample, trace: recordCellRun(sample.trace, segmentId, code, result) }));
    setResult(key, result);
    return result;
  }

  async function runAll(sampleId: string): Promise<void> {
    const sample = get().samples[sampleId];
    const python = ctx.deps.python;
    if (!sample || !python || get().python.runAll[sampleId]?.phase === 'running') return;
    const trace = sample.trace;
    const cells = executableCodeSegments(trace);
    patchPython((p) => ({ runAll: { ...p.runAll, [sampleId]: { phase: 'running', total: cells.length, ran: 0, blocks: [], decisions: {} } } }));
    stopRequests.delete(sampleId);
    const results: RunResult[] = [];
    const skipped = new Set<number>();
    const runtime = python.forSample(sampleId);
    try {
      await runtime.restart(sampleId);
      const check = await verifyTrace(trace, async (code) => {
        const index = results.length;
        if (stopRequests.has(sampleId)) {
          skipped.add(index);
          const notRun: RunResult = { status: 'interrupted', output: '', full: '', durationMs: 0 };
          results.push(notRun);
          return notRun;
        }
        const key = cellKey(sampleId, cells[index]!.id);
        const result = await runtime.run(sampleId, code, { timeoutMs: cellTimeoutMs(get()), label: key });
        setResult(key, result);
        // An interrupted cell stops the whole run: later cells would run in a broken namespace.
        if (result.status === 'interrupted') stopRequests.add(sampleId);
        results.push(result);
        patchRunAll(sampleId, { ran: index + 1 });
        return result;
      });
      const blocks = check.blocks.map((b, i) => ({
        ...b,
        code: codeBody(cells[i]!),
        result: results[i]!,
        outputSegmentId: recordedOutputFor(trace, b.codeSegmentId)?.id,
        skipped: skipped.has(i),
      }));
      patchRunAll(sampleId, { phase: skipped.size ? 'stopped' : 'done', blocks });
    } catch {
      // Python could not start: nothing was verified (the runtime status says why).
      patchRunAll(sampleId, { phase: 'stopped', blocks: [] });
    } finally {
      stopRequests.delete(sampleId);
    }
  }

  function decide(sampleId: string, codeSegmentId: string, decision: BlockDecision): void {
    const state = get().python.runAll[sampleId];
    if (state) patchRunAll(sampleId, { decisions: { ...state.decisions, [codeSegmentId]: decision } });
  }

  /** The open differences of the sample in view, as palette entries. */
  const differenceEntries = (verb: string, prefix: string) => (s: StudioState) => {
    const sample = sampleInView(s);
    const state = sample && s.python.runAll[sample.id];
    if (!sample || !state) return [];
    return openDifferences(state).map((block) => ({
      key: `${prefix}:${block.codeSegmentId}`,
      label: `${verb} (code block ${block.block + 1})`,
      args: [sample.id, block.codeSegmentId] as [string, string],
    }));
  };
  const blockOf = (sampleId: string, codeSegmentId: string): ReproducedBlock | undefined =>
    get().python.runAll[sampleId]?.blocks.find((b) => b.codeSegmentId === codeSegmentId && !b.skipped);
  const cursorCode = (s: StudioState) => cursorStepOf(s)?.kind === 'code';

  return {
    /** Enter on a code step: the view puts the caret in that cell's editor. */
    editCell: defineCommand({
      id: 'editCell',
      label: 'Edit the cell',
      group: 'Python',
      scope: 'code',
      keys: ['Enter'],
      when: cursorCode,
      capture: 'none',
      perform: () => {
        const s = get();
        const sample = sampleInView(s);
        const step = cursorStepOf(s);
        if (!sample || step?.kind !== 'code') return;
        // Someone about to edit code is about to run it: the interpreter is claimed on open already.
        patchPython(() => ({ editRequest: { key: cellKey(sample.id, step.segmentId), token: ++editToken } }));
      },
    }),
    /** Shift+Enter: run the cell under the cursor (or the one named, with the editor's code). */
    runCell: defineCommand({
      id: 'runCell',
      label: 'Run the cell',
      group: 'Python',
      scope: 'code',
      keys: ['Shift+Enter'],
      when: cursorCode,
      capture: { undo: 'Run code', event: 'run' },
      perform: (call, segmentId?: string, code?: string): Promise<RunResult> | undefined => {
        const s = get();
        const sample = sampleInView(s);
        if (!sample) return undefined;
        const step = cursorStepOf(s);
        const target = segmentId ?? (step?.kind === 'code' ? step.segmentId : undefined);
        const segment = sample.trace.segments.find((seg) => seg.id === target);
        if (!segment || segment.kind !== 'code') return undefined;
        return runCell(call, sample.id, segment.id, code ?? codeBody(segment));
      },
    }),
    /** Writes what is typed into a cell back to the trace (after a pause in typing). */
    editCode: defineCommand({
      id: 'editCode',
      label: 'Edit code',
      group: 'Python',
      scope: 'sample',
      takesArgs: true,
      capture: { undo: 'Edit code', event: 'edit' },
      perform: (call, sampleId: string, segmentId: string, code: string) =>
        call.write(sampleId, (sample) => ({ ...sample, trace: editCodeCell(sample.trace, segmentId, code, ctx.clock.now()) })),
    }),
    /** Escape while a cell (or Run all) of this sample runs: stop it, before Escape leaves the sample. */
    interruptPython: defineCommand({
      id: 'interruptPython',
      label: 'Interrupt the running cell',
      group: 'Python',
      scope: 'running',
      keys: ['Escape'],
      capture: 'none',
      perform: (_call, sampleId?: string) => {
        const id = sampleId ?? sampleInView(get())?.id;
        if (!id) return;
        if (get().python.runAll[id]?.phase === 'running') stopRequests.add(id);
        ctx.deps.python?.forSample(id).interrupt();
      },
    }),
    runAll: defineCommand({
      id: 'runAll',
      label: 'Run all and compare with the recorded outputs',
      group: 'Python',
      scope: 'sample',
      keys: ['Shift+R'],
      when: (s) => !!sampleInView(s) && !sampleRunning(s, sampleInView(s)!.id),
      capture: 'none',
      perform: (_call, sampleId?: string) => {
        const id = sampleId ?? sampleInView(get())?.id;
        return id ? runAll(id) : Promise.resolve();
      },
    }),
    acceptReproduced: defineCommand({
      id: 'acceptReproduced',
      label: 'Accept the reproduced output',
      group: 'Python',
      scope: 'sample',
      takesArgs: true,
      palette: differenceEntries('Accept the reproduced output', 'acceptReproduced'),
      capture: { undo: 'Accept reproduced output', event: 'run' },
      perform: (call, sampleId: string, codeSegmentId: string) => {
        const block = blockOf(sampleId, codeSegmentId);
        if (!block) return false;
        const ok = call.write(sampleId, (sample) => ({ ...sample, trace: recordCellRun(sample.trace, block.codeSegmentId, block.code, block.result) }));
        decide(sampleId, codeSegmentId, 'accepted');
        return ok;
      },
    }),
    keepRecorded: defineCommand({
      id: 'keepRecorded',
      label: 'Keep the recorded output',
      group: 'Python',
      scope: 'sample',
      takesArgs: true,
      palette: differenceEntries('Keep the recorded output', 'keepRecorded'),
      capture: 'none',
      perform: (_call, sampleId: string, codeSegmentId: string) => decide(sampleId, codeSegmentId, 'kept'),
    }),
    restartPython: defineCommand({
      id: 'restartPython',
      label: "Restart this sample's Python",
      group: 'Python',
      scope: 'sample',
      when: (s) => !!sampleInView(s),
      capture: 'none',
      perform: () => {
        const sample = sampleInView(get());
        return sample && ctx.deps.python ? ctx.deps.python.restart(sample.id) : Promise.resolve();
      },
    }),
  };
}
