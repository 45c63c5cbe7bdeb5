/**
 * Several continuations from the same point, in parallel — the annotator compares them and
 * keeps one (the others become 'continuation' branches, see hints/addContinuationBranches).
 * Under the notebook semantics each continuation runs its code in its own namespace, rebuilt
 * first by re-running the trace's earlier cells, so one continuation's variables never leak
 * into another's; under cort and fresh every call starts from nothing anyway.
 */
import type { Trace } from '../trace/types';
import { generate, replayCodeCells, type ExecutorSession, type GenerateOptions, type GenerationResult } from './loop';
import { semanticsFor } from '../exec/semantics/profile';
import { CORT_PROFILE } from '../profiles/builtin';

export interface ContinueOptions extends Omit<GenerateOptions, 'session' | 'onText' | 'onTrace'> {
  /** A fresh session for continuation `index` (its own executor, or its own namespace of a shared one). */
  sessionFor: (index: number) => ExecutorSession | Promise<ExecutorSession>;
  onText?: (index: number, text: string) => void;
  onTrace?: (index: number, trace: Trace) => void;
}

/** Namespaces `${base}/continuation-<i>` of one executor: the usual `sessionFor`. */
export function continuationNamespaces(executor: ExecutorSession['executor'], base: string): (index: number) => ExecutorSession {
  return (index) => ({ executor, namespace: `${base}/continuation-${index}` });
}

export async function continueN(n: number, from: Trace, options: ContinueOptions): Promise<GenerationResult[]> {
  const { sessionFor, onText, onTrace, ...shared } = options;
  const runs = Array.from({ length: n }, async (_, index): Promise<GenerationResult> => {
    const session = await sessionFor(index);
    // Only a notebook namespace needs the earlier cells; a fresh or cort call starts from nothing.
    const semantics = semanticsFor(options.profile ?? CORT_PROFILE, options.semantics === 'notebook' ? 'notebook' : 'cort');
    await replayCodeCells(session, from, options.settings.callTimeoutMs, semantics);
    return generate(from, {
      ...shared,
      session,
      onText: onText && ((text) => onText(index, text)),
      onTrace: onTrace && ((trace) => onTrace(index, trace)),
    });
  });
  return Promise.all(runs);
}
