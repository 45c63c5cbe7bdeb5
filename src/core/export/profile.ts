/**
 * The execution profile (which semantics ran the code: CoRT's replay, or a live notebook)
 * recorded with every exported sample and in the manifest. The project's settings carry it
 * (`semantics`; `executionProfile` is accepted too); projects from before profiles existed
 * are CoRT's.
 */
import { DEFAULT_EXECUTION_PROFILE, isExecutionProfile, type ExecutionProfile } from '../exec/semantics/profile';
import type { ExportOptions } from './types';

export function executionProfileOf(options: Pick<ExportOptions, 'semantics' | 'settings'>): ExecutionProfile {
  if (options.semantics) return options.semantics;
  const settings = options.settings ?? {};
  for (const key of ['semantics', 'executionProfile']) {
    const value = settings[key];
    if (isExecutionProfile(value)) return value;
  }
  return DEFAULT_EXECUTION_PROFILE;
}
