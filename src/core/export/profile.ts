/**
 * The execution profile (which semantics ran the code: CoRT's replay, or a live notebook)
 * recorded with every exported sample. The project's settings carry it; exports of projects
 * from before profiles existed are CoRT's.
 */
import type { ExportOptions } from './types';

export const DEFAULT_EXECUTION_PROFILE = 'cort';

export function executionProfileOf(options: Pick<ExportOptions, 'executionProfile' | 'settings'>): string {
  if (options.executionProfile) return options.executionProfile;
  const settings = options.settings ?? {};
  for (const key of ['executionProfile', 'semantics']) {
    const value = settings[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return DEFAULT_EXECUTION_PROFILE;
}
