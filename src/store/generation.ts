/**
 * Continue by model: CoRT's generation loop (core/generate) from the end of the open trace,
 * streamed into the view, with code run by the studio's shared Python executor.
 *
 * - Continue: one continuation written into the sample as it arrives (each completed piece
 *   through writeSample, all in one undo group); Esc cancels at once and keeps the partial
 *   text, marked incomplete by the loop.
 * - Continue ×N: N continuations in parallel from the same point, each in its own namespace;
 *   they are only compared until the annotator keeps one — the others become branches.
 */
import { addContinuationBranches, sampleSegmentIdMinter } from '../core/hints';
import {
  continueN,
  continuationNamespaces,
  generate,
  replayCodeCells,
  type GenerateOptions,
  type GenerationResult,
  type GenerationSummary,
} from '../core/generate';
import type { Executor } from '../core/exec/types';
import type { Trace } from '../core/trace/types';
import { createOpenAICompatibleClient } from '../model';
import { defineAction } from './actions';
import { openSampleOf, type HintEngineeringContext } from './hints';
import { activeEndpoint, endpointProblems, sampleProfile } from './settings';
import type { StudioState } from './state';

export interface ContinuationView {
  /** Single run: text streamed since the last trace update. Compare: everything streamed. */
  text: string;
  /** Compare: the continuation's trace so far (base + what it wrote and ran). */
  trace?: Trace;
  summary?: GenerationSummary;
  /** A code block waits for (or is in) the interpreter. */
  runningCode: boolean;
}

export interface GenerationRun {
  id: string;
  sampleId: string;
  mode: 'continue' | 'compare';
  base: Trace;
  status: 'running' | 'done';
  endpointName: string;
  continuations: ContinuationView[];
}

export interface GenerationNotice {
  kind: 'info' | 'error';
  text: string;
}

export interface GenerationSlice {
  generation: GenerationRun | null;
  generationNotice: GenerationNotice | null;
  /** The "how many continuations?" prompt of Continue ×N is open. */
  askingContinueCount: boolean;
}

export function initialGenerationSlice(): GenerationSlice {
  return { generation: null, generationNotice: null, askingContinueCount: false };
}

export const isGenerating = (s: Pick<StudioState, 'generation'>) => s.generation?.status === 'running';

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

export function createGenerationActions(ctx: HintEngineeringContext) {
  const { store, writeSample } = ctx;
  const get = store.getState;
  const set = store.setState;
  let executor: Executor | null = null;
  let controller: AbortController | null = null;

  const patchRun = (runId: string, change: (run: GenerationRun) => GenerationRun) => {
    const run = get().generation;
    if (run?.id === runId) set({ generation: change(run) });
  };
  const patchContinuation = (runId: string, index: number, change: (c: ContinuationView) => ContinuationView) =>
    patchRun(runId, (run) => ({ ...run, continuations: run.continuations.map((c, i) => (i === index ? change(c) : c)) }));

  /** Everything a generation needs, or the reason it cannot start. */
  function prepare(): { options: Omit<GenerateOptions, 'session'>; sample: NonNullable<ReturnType<typeof openSampleOf>>; executor: Executor } | string {
    const s = get();
    const sample = openSampleOf(s);
    if (!sample) return 'Open a sample first.';
    if (isGenerating(s)) return 'A continuation is already running (Esc stops it).';
    const endpoint = activeEndpoint(s.settings);
    if (!endpoint) return 'No model endpoint yet: add one in Settings (,).';
    const problems = endpointProblems(endpoint);
    if (problems.length) return `The endpoint "${endpoint.name}" is incomplete: ${problems.join(' ')}`;
    if (!executor) return 'The Python runtime is not available yet.';
    const client = createOpenAICompatibleClient({ name: endpoint.name, baseURL: endpoint.baseURL, apiKey: endpoint.apiKey || undefined });
    return {
      sample,
      executor,
      options: {
        client,
        template: endpoint.template,
        prompt: sample.prompt,
        settings: { ...s.settings.sampling, model: endpoint.model },
        semantics: sampleProfile(s.settings, sample).profile,
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

  const notRunning = (s: StudioState) => s.view === 'sample' && !!s.openSampleId && !isGenerating(s) && !s.settingsOpen && !s.pasteDialogOpen && s.generation === null;

  return {
    /** The studio's one Python executor, handed over by the UI (src/ui/python runtime). */
    attachExecutor: defineAction({
      name: 'attachExecutor',
      label: 'Use Python runtime',
      perform: (next: Executor | null) => {
        executor = next;
      },
    }),
    continueTrace: defineAction({
      name: 'continueTrace',
      label: 'Continue with the model',
      keys: ['c'],
      when: (s) => notRunning(s) && s.editingStepId === null && s.composer === null,
      perform: async (): Promise<GenerationSummary | null> => {
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
              writeSample(sample.id, (current) => ({ ...current, trace }), { label: 'Continue with the model', group: run.id });
              patchContinuation(run.id, 0, (c) => ({ ...c, text: '', runningCode: endsInClosedCode(trace) }));
            },
          });
        } catch (err) {
          result = { trace: sample.trace, summary: { codeCalls: 0, finish: 'error', error: err instanceof Error ? err.message : String(err) } };
        }
        if (get().generation?.id === run.id) set({ generation: null, generationNotice: finishMessage(result.summary) });
        controller = null;
        return result.summary;
      },
    }),
    askContinueCount: defineAction({
      name: 'askContinueCount',
      label: 'Continue ×N (compare)',
      keys: ['C'],
      when: (s) => notRunning(s) && s.editingStepId === null && s.composer === null,
      perform: () => set({ askingContinueCount: true }),
    }),
    closeContinueCount: defineAction({
      name: 'closeContinueCount',
      label: 'Cancel',
      keys: ['Escape'],
      when: (s) => s.askingContinueCount,
      perform: () => set({ askingContinueCount: false }),
    }),
    continueCompare: defineAction({
      name: 'continueCompare',
      label: 'Continue ×N',
      perform: async (n: number): Promise<void> => {
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
          const error = err instanceof Error ? err.message : String(err);
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
    keepContinuation: defineAction({
      name: 'keepContinuation',
      label: 'Keep this continuation',
      perform: (index: number | null) => {
        const run = get().generation;
        if (!run || run.mode !== 'compare' || run.status !== 'done') return false;
        const traces = run.continuations.map((c) => c.trace ?? run.base);
        const now = new Date().toISOString();
        const ok = writeSample(
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
    cancelGeneration: defineAction({
      name: 'cancelGeneration',
      label: 'Stop generating',
      keys: ['Escape'],
      when: isGenerating,
      perform: () => {
        // The loop interrupts a running cell itself when the signal fires.
        controller?.abort();
      },
    }),
    dismissGenerationNotice: defineAction({
      name: 'dismissGenerationNotice',
      label: 'Dismiss',
      perform: () => set({ generationNotice: null }),
    }),
  };
}
