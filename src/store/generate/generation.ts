/**
 * Continue by model: CoRT's generation loop (core/generate) from the end of the open trace,
 * streamed into the view, with code run in the sample's own interpreter (the runtime
 * manager's) and the model client the composition root's factory makes for the endpoint.
 *
 * - Continue: one continuation written into the sample as it arrives (each completed piece
 *   through the call's writer, all one undo step); Esc cancels at once and keeps the partial
 *   text, marked incomplete by the loop.
 * - Continue ×N: N continuations in parallel from the same point, each in its own namespace;
 *   they are only compared until the annotator keeps one — the others become branches.
 */
import { addContinuationBranches, sampleSegmentIdMinter } from '../../core/hints';
import {
  continueN,
  continuationNamespaces,
  generate,
  replayCodeCells,
  type GenerateOptions,
  type GenerationResult,
  type GenerationSummary,
} from '../../core/generate';
import type { Executor } from '../../core/exec/types';
import type { Sample } from '../../core/sample/types';
import type { Trace } from '../../core/trace/types';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import { cellKey } from '../python/state';
import { openSampleOf, sampleInView } from '../sample/selectors';
import { sampleSetup } from '../settings/execution';
import { activeEndpoint, endpointProblems } from '../settings/settings';
import type { StudioState } from '../state';
import { isGenerating, type ContinuationView, type GenerationNotice, type GenerationRun } from './state';
import { errorText } from '../../core/util';

export { isGenerating, type ContinuationView, type GenerationNotice, type GenerationRun } from './state';

const endsInClosedCode = (trace: Trace) => {
  const last = trace.segments.at(-1);
  return last?.kind === 'code' && last.closed === true;
};

/** How a finished run reads in the notice line. */
export function finishMessage(summary: GenerationSummary): GenerationNotice {
  const calls = summary.codeCalls === 1 ? '1 code call' : `${summary.codeCalls} code calls`;
  const tokens = summary.tokens !== undefined ? `, ${summary.tokens} tokens` : '';
  switch (summary.finish) {
    case 'eos':
      return { kind: 'info', text: `Continuation finished (${calls}${tokens}).` };
    case 'max-tokens':
      return { kind: 'info', text: `Stopped at the token limit (${calls}${tokens}).` };
    case 'max-calls':
      return { kind: 'info', text: `Stopped: every round CoRT allows (Settings → Max rounds) is used (${calls}${tokens}).` };
    case 'cancelled':
      return { kind: 'info', text: 'Cancelled. What arrived is kept, marked incomplete.' };
    default:
      return { kind: 'error', text: `${summary.error ?? 'Generation failed.'} What arrived is kept.` };
  }
}

let runCounter = 0;


export function generationCommands(ctx: StudioContext) {
  const { get, set } = ctx;
  let controller: AbortController | null = null;

  const patchRun = (runId: string, change: (run: GenerationRun) => GenerationRun) => {
    const run = get().generation;
    if (run?.id === runId) set({ generation: change(run) });
  };
  const patchContinuation = (runId: string, index: number, change: (c: ContinuationView) => ContinuationView) =>
    patchRun(runId, (run) => ({ ...run, continuations: run.continuations.map((c, i) => (i === index ? change(c) : c)) }));

  /** The sample's own interpreter as core's Executor; its status names the run as the continuation. */
  function sampleExecutor(sampleId: string): Executor | undefined {
    const python = ctx.deps.python?.forSample(sampleId);
    if (!python) return undefined;
    return {
      run: (namespace, code, options) => python.run(namespace, code, { ...options, label: cellKey(sampleId, 'continuation') }),
      interrupt: () => python.interrupt(),
      restart: (namespace) => python.restart(namespace),
      dispose: async () => undefined,
    };
  }

  /** Everything a generation needs, or the reason it cannot start. */
  function prepare(): { options: Omit<GenerateOptions, 'session'>; sample: Sample; executor: Executor } | string {
    const s = get();
    const sample = openSampleOf(s);
    if (!sample) return 'Open a sample first.';
    if (isGenerating(s)) return 'A continuation is already running (Esc stops it).';
    const endpoint = activeEndpoint(s.settings);
    if (!endpoint) return 'No model endpoint yet: add one in Settings (,).';
    const problems = endpointProblems(endpoint);
    if (problems.length) return `The endpoint "${endpoint.name}" is incomplete: ${problems.join(' ')}`;
    if (!ctx.deps.modelClient) return 'No model client is available in this studio.';
    const executor = sampleExecutor(sample.id);
    if (!executor) return 'The Python runtime is not available.';
    const client = ctx.deps.modelClient(endpoint);
    // The sample's trace profile and its semantics (the project's choice for CoRT traces).
    const setup = sampleSetup(s.settings, sample);
    return {
      sample,
      executor,
      options: {
        client,
        template: endpoint.template,
        prompt: sample.prompt,
        settings: { ...s.settings.sampling, model: endpoint.model },
        semantics: setup.semantics,
        profile: setup.traceProfile,
        // The model's tokenizer when loaded (else the estimate) counts prompt + response for CoRT's budget.
        ...(s.tokenCounting.counter ? { tokenCounter: s.tokenCounting.counter } : {}),
        mintId: sampleSegmentIdMinter(sample),
      },
    };
  }

  function begin(mode: GenerationRun['mode'], sampleId: string, base: Trace, endpointName: string, n: number): GenerationRun {
    const run: GenerationRun = {
      id: `run-${Date.now()}-${++runCounter}`,
      sampleId,
      mode,
      base,
      status: 'running',
      endpointName,
      continuations: Array.from({ length: n }, () => ({ text: '', runningCode: false })),
    };
    controller = new AbortController();
    set({ generation: run, generationNotice: null, askingContinueCount: false, editingStepId: null, composer: null, hintNotice: null });
    return run;
  }

  const canStart = (s: StudioState) => !!sampleInView(s) && s.generation === null && s.editingStepId === null && s.composer === null;

  return {
    continueTrace: defineCommand({
      id: 'continueTrace',
      label: 'Continue with the model',
      group: 'Model',
      scope: 'sample',
      keys: ['c'],
      when: canStart,
      capture: { undo: 'Continue with the model', event: 'continuation' },
      perform: async (call): Promise<GenerationSummary | null> => {
        const ready = prepare();
        if (typeof ready === 'string') {
          set({ generationNotice: { kind: 'error', text: ready } });
          return null;
        }
        const { sample, options } = ready;
        const run = begin('continue', sample.id, sample.trace, options.client.endpointName, 1);
        const session = { executor: ready.executor, namespace: sample.id };
        const signal = controller!.signal;
        let result: GenerationResult;
        try {
          // Notebook: the namespace must hold what the trace's earlier cells defined. CoRT keeps none.
          await replayCodeCells(session, sample.trace, options.settings.callTimeoutMs, options.semantics);
          result = await generate(sample.trace, {
            ...options,
            session,
            signal,
            onText: (text) => patchContinuation(run.id, 0, (c) => ({ ...c, text: c.text + text })),
            onTrace: (trace) => {
              // Every piece of this call is one undo step (the call's writes share its id).
              call.write(sample.id, (current) => ({ ...current, trace }));
              patchContinuation(run.id, 0, (c) => ({ ...c, text: '', runningCode: endsInClosedCode(trace) }));
            },
          });
        } catch (err) {
          result = { trace: sample.trace, summary: { codeCalls: 0, finish: 'error', error: errorText(err) } };
        }
        if (get().generation?.id === run.id) set({ generation: null, generationNotice: finishMessage(result.summary) });
        controller = null;
        return result.summary;
      },
    }),
    askContinueCount: defineCommand({
      id: 'askContinueCount',
      label: 'Continue ×N (compare)',
      group: 'Model',
      scope: 'sample',
      keys: ['Shift+C'],
      when: canStart,
      capture: 'none',
      perform: () => set({ askingContinueCount: true }),
    }),
    closeContinueCount: defineCommand({
      id: 'closeContinueCount',
      label: 'Cancel',
      group: 'Model',
      scope: 'dialog:continue-count',
      palette: false,
      capture: 'none',
      perform: () => set({ askingContinueCount: false }),
    }),
    continueCompare: defineCommand({
      id: 'continueCompare',
      label: 'Continue ×N',
      group: 'Model',
      scope: 'dialog:continue-count',
      takesArgs: true,
      capture: 'none',
      perform: async (_call, n: number): Promise<void> => {
        const ready = prepare();
        if (typeof ready === 'string') {
          set({ generationNotice: { kind: 'error', text: ready }, askingContinueCount: false });
          return;
        }
        const count = Math.max(1, Math.min(16, Math.round(n)));
        const { sample, options } = ready;
        const run = begin('compare', sample.id, sample.trace, options.client.endpointName, count);
        let results: GenerationResult[];
        try {
          results = await continueN(count, sample.trace, {
            ...options,
            signal: controller!.signal,
            sessionFor: continuationNamespaces(ready.executor, sample.id),
            onText: (i, text) => patchContinuation(run.id, i, (c) => ({ ...c, text: c.text + text })),
            onTrace: (i, trace) => patchContinuation(run.id, i, (c) => ({ ...c, trace, runningCode: endsInClosedCode(trace) })),
          });
        } catch (err) {
          const error = errorText(err);
          results = Array.from({ length: count }, () => ({ trace: sample.trace, summary: { codeCalls: 0, finish: 'error' as const, error } }));
        }
        patchRun(run.id, (r) => ({
          ...r,
          status: 'done',
          continuations: r.continuations.map((c, i) => ({ ...c, trace: results[i].trace, summary: results[i].summary, runningCode: false })),
        }));
        controller = null;
      },
    }),
    /** Keep continuation `index` as the trace (or none: null); every other one becomes a branch. */
    keepContinuation: defineCommand({
      id: 'keepContinuation',
      label: 'Keep this continuation',
      group: 'Model',
      scope: 'dialog:compare',
      takesArgs: true,
      // Once the comparison is done, digit N keeps continuation N (digits insert hints elsewhere).
      bindings: (s: StudioState) =>
        s.generation?.mode === 'compare' && s.generation.status === 'done'
          ? s.generation.continuations.slice(0, 9).map((_, i) => ({ key: `keepContinuation:${i}`, label: `Keep continuation ${i + 1}`, args: [i] as [number | null], keys: [String(i + 1)] }))
          : [],
      capture: { undo: 'Keep continuation', event: 'continuation' },
      perform: (call, index: number | null) => {
        const run = get().generation;
        if (!run || run.mode !== 'compare' || run.status !== 'done') return false;
        const traces = run.continuations.map((c) => c.trace ?? run.base);
        const now = ctx.clock.now();
        const ok = call.write(
          run.sampleId,
          (current) => {
            const kept = index === null ? current : { ...current, trace: traces[index] };
            return addContinuationBranches(kept, run.base, traces.filter((_, i) => i !== index), now);
          },
          { label: index === null ? 'Keep continuations as branches' : `Keep continuation ${index + 1}` },
        );
        set({
          generation: null,
          generationNotice: {
            kind: 'info',
            text: index === null ? 'All continuations are kept as branches.' : `Kept continuation ${index + 1}; the others are branches.`,
          },
        });
        return ok;
      },
    }),
    cancelGeneration: defineCommand({
      id: 'cancelGeneration',
      label: 'Stop generating',
      group: 'Model',
      scope: 'generating',
      keys: ['Escape'],
      capture: 'none',
      perform: () => {
        // The loop interrupts a running cell itself when the signal fires.
        controller?.abort();
      },
    }),
    dismissGenerationNotice: defineCommand({
      id: 'dismissGenerationNotice',
      label: 'Dismiss',
      group: 'Model',
      scope: 'sample',
      palette: false,
      capture: 'none',
      perform: () => set({ generationNotice: null }),
    }),
  };
}
