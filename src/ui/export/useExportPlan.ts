/**
 * What the export dialog would write with the current choices: the gate verdicts (from the
 * checks cache, recomputed as the full checks land in it) and the export itself, recomputed
 * whenever a choice changes — with a tokenizer, off the page's thread (the dialog's export
 * session), with progress and a way to stop it. The files listed in the dialog are exactly the bytes its
 * download buttons hand over.
 */
import { useEffect, useRef, useState } from 'react';
import { useStudio, useStudioState } from '../app/StudioContext';
import type { ExportResult } from '../../core/export';
import type { SampleChecks } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import { exportVerdictsInSlices, type ExportChoices, type ExportVerdicts } from '../../store/project/export';
import { ExportCancelledError, type ExportProgress } from '../../store/project/exportRun';
import type { ExportSession } from '../../store/project/exportOffThread';
import { errorText } from '../../core/util';

export interface ExportPlan {
  verdicts: ExportVerdicts | null;
  result: ExportResult | null;
  /** Why nothing can be exported with these choices (e.g. tokenized without a tokenizer). */
  error: string | null;
  /** True while the shown result may not match the current checks or choices yet. */
  busy: boolean;
}

/** `known`: check results already at hand (the studio's checks cache, possibly with the interpreter). */
export type KnownChecks = (sample: Sample) => SampleChecks | undefined;

interface Computed<T, Input> {
  value: T;
  /** What it was computed from: a render whose inputs differ is still waiting for the effect. */
  from: Input;
}

function sameVerdicts(a: ExportVerdicts, b: ExportVerdicts): boolean {
  if (a.size !== b.size) return false;
  for (const [id, verdict] of a) {
    const other = b.get(id);
    if (!other || other.ok !== verdict.ok || other.reasons.length !== verdict.reasons.length || other.reasons.some((r, i) => r !== verdict.reasons[i])) return false;
  }
  return true;
}

export function useExportVerdicts(samples: readonly Sample[], known: KnownChecks): { verdicts: ExportVerdicts | null; current: boolean } {
  const [state, setState] = useState<Computed<ExportVerdicts, KnownChecks> | null>(null);
  const { services } = useStudio();
  // The studio's quick checks read the project's settings (profiles, semantics, template).
  const settings = useStudioState((s) => s.settings);
  // Quick checks this dialog ran itself (samples the checks cache has no entry for), per sample
  // object and settings: a change in the cache does not check hundreds of samples again.
  const ran = useRef<{ settings: unknown; checks: WeakMap<Sample, SampleChecks> }>({ settings, checks: new WeakMap() });
  useEffect(() => {
    let live = true;
    if (ran.current.settings !== settings) ran.current = { settings, checks: new WeakMap() };
    const { checks } = ran.current;
    const stop = new AbortController();
    // In the quick checks worker, as the library's (on the page when there is none, or it cannot take a sample).
    void exportVerdictsInSlices(samples, { known, check: services.checks.quickChecksOf, ran: checks, signal: stop.signal }).then(
      // The same verdicts keep their object: the export (a worker's minutes of tokenizing) is not run anew for a check that changed nothing.
      (value) => live && setState((prev) => ({ value: prev && sameVerdicts(prev.value, value) ? prev.value : value, from: known })),
      () => undefined, // stopped: newer inputs have their own run
    );
    return () => {
      live = false;
      stop.abort();
    };
  }, [samples, known, settings, services]);
  return { verdicts: state?.value ?? null, current: state?.from === known };
}

/** Tokenizing progress of the shown plan, and how to stop it or start it again. */
export interface ExportRunControl {
  /** Samples encoded of how many, while a run with a tokenizer is under way; null otherwise. */
  progress: ExportProgress | null;
  /** The user stopped the run: nothing to download until they start it again. */
  cancelled: boolean;
  cancel(): void;
  again(): void;
}

export function useExportPlan(
  session: ExportSession,
  samples: readonly Sample[],
  choices: ExportChoices,
  settings: Record<string, unknown>,
  known: KnownChecks,
): ExportPlan & ExportRunControl {
  const { verdicts, current } = useExportVerdicts(samples, known);
  const [state, setState] = useState<Omit<ExportPlan, 'verdicts'> & { from: unknown[] }>({ result: null, error: null, busy: true, from: [] });
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [cancelled, setCancelled] = useState(false);
  // Bumped by "again": the same choices, run anew.
  const [attempt, setAttempt] = useState(0);
  const running = useRef<AbortController | null>(null);
  const inputs = [samples, choices, verdicts, settings];

  useEffect(() => {
    if (!verdicts) return;
    let live = true;
    const stop = new AbortController();
    running.current = stop;
    // The last run's result stays in view until this one's; its refusal does not (a tokenizer may have come).
    setState((s) => ({ ...s, error: null, busy: true }));
    setCancelled(false);
    setProgress(null);
    const from = [samples, choices, verdicts, settings];
    const { tokenizerFiles, tokenizer: _onThisThread, ...rest } = choices;
    const request = { samples, choices: rest, verdicts, settings, ...(tokenizerFiles ? { tokenizerFiles } : {}) };
    session.run(request, { signal: stop.signal, onProgress: (p) => live && tokenizerFiles && setProgress(p) }).then(
      (result) => live && setState({ result, error: null, busy: false, from }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ExportCancelledError) setCancelled(true);
        setState({ result: null, error: err instanceof ExportCancelledError ? null : errorText(err), busy: false, from });
      },
    ).finally(() => live && setProgress(null));
    return () => {
      live = false;
      // Newer choices, or the dialog closed: the run under way is not wanted any more.
      stop.abort();
    };
  }, [session, samples, choices, verdicts, settings, attempt]);

  // Downloads wait until the shown bytes were made from the current checks and choices.
  const stale = !current || inputs.some((input, i) => input !== state.from[i]);
  return {
    verdicts,
    result: state.result,
    error: state.error,
    busy: state.busy || stale,
    progress,
    cancelled,
    cancel: () => running.current?.abort(),
    again: () => setAttempt((n) => n + 1),
  };
}
