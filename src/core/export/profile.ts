/**
 * The project's execution semantics for CoRT traces (cort: CoRT's replay, or notebook),
 * recorded in the manifest and, per sample, in every CoRT record. The project's settings carry
 * it (`semantics`; `executionProfile` is accepted too); projects from before it existed are
 * CoRT's. Other trace profiles run under their own semantics (manifest `traceSemantics`).
 */
import { DEFAULT_PROJECT_SEMANTICS, isProjectSemantics, type ProjectSemantics } from '../exec/semantics/profile';
import type { ExportOptions } from './types';

export function projectSemanticsOf(options: Pick<ExportOptions, 'semantics' | 'settings'>): ProjectSemantics {
  if (options.semantics) return options.semantics;
  const settings = options.settings ?? {};
  for (const key of ['semantics', 'executionProfile']) {
    const value = settings[key];
    if (isProjectSemantics(value)) return value;
  }
  return DEFAULT_PROJECT_SEMANTICS;
}
