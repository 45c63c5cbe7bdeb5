/**
 * What the export dialog would write with the current choices: the gate verdicts (from the
 * checks cache, recomputed as the full checks land in it) and the export itself, recomputed
 * whenever a choice changes. The files listed in the dialog are exactly the bytes its
 * download buttons hand over.
 */
import { useEffect, useState } from 'react';
import { useStudioState } from '../app/StudioContext';
import { projectProfiles } from '../../store/settings/profiles';
import type { ExportResult } from '../../core/export';
import type { SampleChecks } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import { exportStudioSamples, exportVerdicts, type ExportChoices, type ExportVerdicts } from '../../store/project/export';
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

export function useExportVerdicts(samples: readonly Sample[], known: KnownChecks): { verdicts: ExportVerdicts | null; current: boolean } {
  const [state, setState] = useState<Computed<ExportVerdicts, KnownChecks> | null>(null);
  const profiles = useStudioState((s) => projectProfiles(s.settings));
  useEffect(() => {
    let live = true;
    void exportVerdicts(samples, { known, profiles }).then((value) => live && setState({ value, from: known }));
    return () => {
      live = false;
    };
  }, [samples, known, profiles]);
  return { verdicts: state?.value ?? null, current: state?.from === known };
}

export function useExportPlan(
  samples: readonly Sample[],
  choices: ExportChoices,
  settings: Record<string, unknown>,
  known: KnownChecks,
): ExportPlan {
  const { verdicts, current } = useExportVerdicts(samples, known);
  const [state, setState] = useState<Omit<ExportPlan, 'verdicts'> & { from: unknown[] }>({ result: null, error: null, busy: true, from: [] });
  const inputs = [samples, choices, verdicts, settings];

  useEffect(() => {
    if (!verdicts) return;
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    const from = [samples, choices, verdicts, settings];
    exportStudioSamples(samples, choices, verdicts, settings).then(
      (result) => live && setState({ result, error: null, busy: false, from }),
      (err: unknown) => live && setState({ result: null, error: errorText(err), busy: false, from }),
    );
    return () => {
      live = false;
    };
  }, [samples, choices, verdicts, settings]);

  // Downloads wait until the shown bytes were made from the current checks and choices.
  const stale = !current || inputs.some((input, i) => input !== state.from[i]);
  return { verdicts, result: state.result, error: state.error, busy: state.busy || stale };
}
