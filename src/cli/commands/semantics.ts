/**
 * `--semantics cort|notebook` and `--template`, shared by the commands that run code. The
 * semantics is the project's choice for CoRT traces; a sample of another trace profile (ToRL,
 * SimpleTIR, ReTool, rStar2) runs under its profile's own.
 */
import { Option } from 'commander';
import { PROJECT_SEMANTICS, DEFAULT_PROJECT_SEMANTICS, executionSetup, isProjectSemantics, type ExecutionSetup, type ProjectSemantics } from '../../core/exec';
import { profileOfSample } from '../../core/profiles/registry';
import { TEMPLATE_PRESETS, type ChatTemplate } from '../../core/template';
import type { Sample } from '../../core/sample/types';
import type { ProfileRegistry } from '../../core/profiles/types';
import { CliError } from '../io';

export interface SemanticsOptions {
  semantics?: string;
  template?: string;
}

export const semanticsOption = () =>
  new Option(
    '--semantics <semantics>',
    "how the code of CoRT traces runs: cort = CoRT's pipeline (program rebuilt and replayed at every call, fresh globals); notebook = one live namespace per sample. Other trace profiles run as their own harness does (fresh)",
  )
    .choices([...PROJECT_SEMANTICS])
    .default(DEFAULT_PROJECT_SEMANTICS);

export const templateOption = () =>
  new Option('--template <id>', 'chat template of the prompt CoRT scans before the response (cort)').choices(TEMPLATE_PRESETS.map((t) => t.id)).default(TEMPLATE_PRESETS[0]!.id);

export function chosenSemantics(options: SemanticsOptions): ProjectSemantics {
  const value = options.semantics ?? DEFAULT_PROJECT_SEMANTICS;
  if (!isProjectSemantics(value)) throw new CliError(`--semantics must be one of ${PROJECT_SEMANTICS.join(', ')}, not ${value}`);
  return value;
}

function chosenTemplate(options: SemanticsOptions): ChatTemplate {
  const id = options.template ?? TEMPLATE_PRESETS[0]!.id;
  const template = TEMPLATE_PRESETS.find((t) => t.id === id);
  if (!template) throw new CliError(`--template must be one of ${TEMPLATE_PRESETS.map((t) => t.id).join(', ')}, not ${id}`);
  return template;
}

/** What running `sample`'s code needs: its trace profile, and the chosen semantics when that is CoRT's. */
export function sampleSetup(sample: Sample, options: SemanticsOptions, profiles?: ProfileRegistry): ExecutionSetup {
  return executionSetup(profileOfSample(sample, profiles), chosenSemantics(options), sample.prompt, chosenTemplate(options));
}
