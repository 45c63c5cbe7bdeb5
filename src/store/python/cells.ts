/**
 * Running code from the studio, each sample as its execution setup says (its trace profile;
 * for CoRT traces the project's semantics, Settings → Execution): a cell (its output goes into
 * the trace as the cell's output block, origin interpreter), Run all (the sample's code again,
 * compared with the recorded outputs, which are never overwritten until the user accepts one),
 * interrupt, and restarting a sample's interpreter. Each sample's code runs in its own interpreter from
 * the runtime manager; its status comes into the state from there.
 */
import { profileRunner, recordCellRun, runCellWith, verifyTrace } from '../../core/exec';
import { DEFAULT_CELL_TIMEOUT_MS, type Executor, type RunResult } from '../../core/exec/types';
import { editCodeCell } from '../../core/trace/cellText';
import { codeBody } from '../../core/trace';
import { defineCommand, type Call } from '../commands/types';
import { sampleRunning } from '../commands/scope';
import type { StudioContext } from '../context';
import type { SampleRuntime } from '../../core/exec/runtime';
import { sampleSetup } from '../settings/execution';
import { cursorStepOf, sampleInView } from '../sample/selectors';
import type { StudioState } from '../state';
import { blockKey, cellKey, openDifferences, type BlockDecision, type PythonState, type ReproducedBlock, type RunAllState } from './state';
import { errorText } from '../../core/util';

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

  /** The sample's interpreter, labelling each run for the status (which cell, or Run all). */
  const labelled = (runtime: SampleRuntime, label: string): Pick<Executor, 'run'> => ({
    run: (namespace, code, options) => runtime.run(namespace, code, { ...options, label }),
  });

  /**
   * Runs `code` as cell `segmentId` as the sample's setup runs it (notebook: the cell in the
   * sample's namespace; cort: CoRT's program of a call right after the cell; fresh: the
   * harness's program) and writes its output block in the trace profile's form; never throws.
   */
  async function runCell(call: Call, sampleId: string, segmentId: string, code: string): Promise<RunResult> {
    const key = cellKey(sampleId, segmentId);
    const python = ctx.deps.python;
    const sample = get().samples[sampleId];
    if (!sample) return { status: 'error', output: '', full: '', durationMs: 0, message: 'No such sample.' };
    const setup = sampleSetup(get().settings, sample);
    let result: RunResult;
    try {
      if (!python) throw new Error('No Python runtime in this studio.');
      const ran = await runCellWith(labelled(python.forSample(sampleId), key), sampleId, sample.trace, segmentId, code, setup, cellTimeoutMs(get()));
      if ('notRun' in ran) {
        // The harness would not run this block (```py under CoRT, a chat trace…): say so, write nothing.
        result = { status: 'error', output: '', full: '', durationMs: 0, message: `Not run: ${ran.notRun}` };
        setResult(key, result);
        return result;
      }
      result = ran;
    } catch (error) {
      // Python did not start: say so on the cell, leave the trace alone.
      const message = errorText(error);
      result = { status: 'crashed', output: '', full: '', durationMs: 0, message };
      setResult(key, result);
      return result;
    }
    // A package missing here (numpy offline) gives a message, not an output the pipeline would write.
    if (result.status !== 'unavailable') call.write(sampleId, (current) => ({ ...current, trace: recordCellRun(current.trace, segmentId, code, result, setup) }));
    setResult(key, result);
    return result;
  }

  /**
   * Run all: the sample's code again as its setup runs it (a fresh namespace for notebook,
   * CoRT's program per call for cort), each result next to the recorded output.
   */
  async function runAll(sampleId: string): Promise<void> {
    const sample = get().samples[sampleId];
    const python = ctx.deps.python;
    if (!sample || !python || get().python.runAll[sampleId]?.phase === 'running') return;
    const trace = sample.trace;
    const setup = sampleSetup(get().settings, sample);
    const total = trace.segments.filter((s) => s.kind === 'code' && s.closed).length;
    patchPython((p) => ({ runAll: { ...p.runAll, [sampleId]: { phase: 'running', total, ran: 0, blocks: [], decisions: {} } } }));
    stopRequests.delete(sampleId);
    // Results in run order, matched to the checks afterwards (blocks the harness never runs take none).
    const results: { result: RunResult; skipped: boolean }[] = [];
    const runtime = python.forSample(sampleId);
    const run = profileRunner(labelled(runtime, cellKey(sampleId, 'run-all')), sampleId, setup, cellTimeoutMs(get()));
    const notebook = setup.semantics === 'notebook';
    try {
      if (notebook) await runtime.restart(sampleId);
      const check = await verifyTrace(
        trace,
        async (code, options) => {
          if (stopRequests.has(sampleId)) {
            const notRun: RunResult = { status: 'interrupted', output: '', full: '', durationMs: 0 };
            results.push({ result: notRun, skipped: true });
            return notRun;
          }
          const result = await run(code, options);
          // An interrupted cell stops the whole run: later cells would run in a broken namespace.
          if (result.status === 'interrupted') stopRequests.add(sampleId);
          results.push({ result, skipped: false });
          patchRunAll(sampleId, { ran: results.length });
          return result;
        },
        setup,
      );
      let next = 0;
      const blocks: ReproducedBlock[] = check.blocks.map((b) => {
        const ran = b.status === 'not-run' || b.status === 'not-cort' ? undefined : results[next++];
        const cell = b.codeSegmentId ? trace.segments.find((s) => s.id === b.codeSegmentId) : undefined;
        if (b.codeSegmentId && ran && !ran.skipped) setResult(cellKey(sampleId, b.codeSegmentId), ran.result);
        return {
          ...b,
          ...(cell ? { cellCode: codeBody(cell) } : {}),
          result: ran?.result ?? { status: 'ok', output: '', full: '', durationMs: 0 },
          skipped: ran ? ran.skipped : true,
        };
      });
      const stopped = blocks.some((b) => b.skipped && b.status !== 'not-run' && b.status !== 'not-cort');
      patchRunAll(sampleId, { phase: stopped ? 'stopped' : 'done', blocks });
    } catch {
      // Python could not start: nothing was verified (the runtime status says why).
      patchRunAll(sampleId, { phase: 'stopped', blocks: [] });
    } finally {
      stopRequests.delete(sampleId);
    }
  }

  function decide(sampleId: string, key: string, decision: BlockDecision): void {
    const state = get().python.runAll[sampleId];
    if (state) patchRunAll(sampleId, { decisions: { ...state.decisions, [key]: decision } });
  }

  /** The open differences of the sample in view, as palette entries. */
  const differenceEntries = (verb: string, prefix: string) => (s: StudioState) => {
    const sample = sampleInView(s);
    const state = sample && s.python.runAll[sample.id];
    if (!sample || !state) return [];
    return openDifferences(state).map((block) => ({
      key: `${prefix}:${blockKey(block)}`,
      label: `${verb} (code block ${block.block + 1})`,
      args: [sample.id, blockKey(block)] as [string, string],
    }));
  };
  /** A reproduced block by its key (blockKey: the output when there is one, else the code block). */
  const blockOf = (sampleId: string, key: string): ReproducedBlock | undefined =>
    get().python.runAll[sampleId]?.blocks.find((b) => blockKey(b) === key && !b.skipped);
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
      perform: (call, sampleId: string, key: string) => {
        const block = blockOf(sampleId, key);
        const sample = get().samples[sampleId];
        const { codeSegmentId, cellCode } = block ?? {};
        if (!block || !sample || !codeSegmentId || cellCode === undefined) return false;
        const setup = sampleSetup(get().settings, sample);
        const ok = call.write(sampleId, (current) => ({ ...current, trace: recordCellRun(current.trace, codeSegmentId, cellCode, block.result, setup) }));
        decide(sampleId, key, 'accepted');
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
      perform: (_call, sampleId: string, key: string) => decide(sampleId, key, 'kept'),
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
