/** `--semantics cort|notebook` and `--template`, shared by the commands that run code. */
import { Option } from 'commander';
import { EXECUTION_PROFILES, DEFAULT_EXECUTION_PROFILE, isExecutionProfile, profileRun, type ExecutionProfile, type ProfileRun } from '../../core/exec';
import { TEMPLATE_PRESETS, type ChatTemplate } from '../../core/template';
import type { Sample } from '../../core/sample/types';
import { CliError } from '../io';

export interface SemanticsOptions {
  semantics?: string;
  template?: string;
}

export const semanticsOption = () =>
  new Option('--semantics <profile>', "how code runs: cort = CoRT's pipeline (program rebuilt and replayed at every call, fresh globals); notebook = one live namespace per sample")
    .choices([...EXECUTION_PROFILES])
    .default(DEFAULT_EXECUTION_PROFILE);

export const templateOption = () =>
  new Option('--template <id>', 'chat template of the prompt CoRT scans before the response (cort)').choices(TEMPLATE_PRESETS.map((t) => t.id)).default(TEMPLATE_PRESETS[0]!.id);

export function chosenProfile(options: SemanticsOptions): ExecutionProfile {
  const value = options.semantics ?? DEFAULT_EXECUTION_PROFILE;
  if (!isExecutionProfile(value)) throw new CliError(`--semantics must be one of ${EXECUTION_PROFILES.join(', ')}, not ${value}`);
  return value;
}

function chosenTemplate(options: SemanticsOptions): ChatTemplate {
  const id = options.template ?? TEMPLATE_PRESETS[0]!.id;
  const template = TEMPLATE_PRESETS.find((t) => t.id === id);
  if (!template) throw new CliError(`--template must be one of ${TEMPLATE_PRESETS.map((t) => t.id).join(', ')}, not ${id}`);
  return template;
}

/** What running `sample`'s code under the chosen profile needs. */
export function sampleProfile(sample: Sample, options: SemanticsOptions): ProfileRun {
  return profileRun(chosenProfile(options), sample.prompt, chosenTemplate(options));
}
