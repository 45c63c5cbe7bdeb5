/**
 * What running a sample's code needs from the settings: the project's semantics (Settings →
 * Execution) and, for CoRT, the chat template of the prompt CoRT's loop scans. Every path that
 * runs code — a cell run, Run all, Continue, the checks — takes its setup from here, so they
 * all run a sample the same way.
 */
import { DEFAULT_PROJECT_SEMANTICS, executionSetup, isProjectSemantics, type ExecutionSetup, type ProjectSemantics } from '../../core/exec';
import { profileOfSample } from '../../core/profiles/registry';
import type { Sample } from '../../core/sample/types';
import type { ChatTemplate } from '../../core/template';
import { activeEndpoint } from './settings';
import { projectProfiles } from './profiles';
import type { ProfileRegistry } from '../../core/profiles/types';
import type { StudioSettings } from './state';

/** The project's semantics and the active endpoint's chat template (none: DeepSeek-R1-Distill-Qwen, CoRT's family). */
export function projectExecution(settings: StudioSettings | undefined): { semantics: ProjectSemantics; template?: ChatTemplate; profiles: ProfileRegistry } {
  const semantics = isProjectSemantics(settings?.semantics) ? settings.semantics : DEFAULT_PROJECT_SEMANTICS;
  const template = settings?.endpoints ? activeEndpoint(settings)?.template : undefined;
  // The project's registry: a sample of the project's own profile resolves in the checks too.
  const profiles = projectProfiles(settings);
  return template ? { semantics, template, profiles } : { semantics, profiles };
}

/** How `sample`'s code runs: its own trace profile, under the project's choice where that profile allows one. */
export function sampleSetup(settings: StudioSettings | undefined, sample: Pick<Sample, 'prompt' | 'profile'>): ExecutionSetup {
  const { semantics, template } = projectExecution(settings);
  return executionSetup(profileOfSample(sample, projectProfiles(settings)), semantics, sample.prompt, template);
}
