/**
 * The text before the response that CoRT's loop scans: the generation prompt as the chat
 * template renders it. DeepSeek-R1-Distill-Qwen is CoRT's model family, so it is the default.
 */
import { DEEPSEEK_R1_DISTILL_QWEN } from '../../template/presets';
import { renderGenerationPrompt } from '../../template/render';
import type { ChatTemplate } from '../../template/types';
import type { TraceProfile } from '../../profiles/types';
import { semanticsFor, type ExecutionSetup, type ProjectSemantics } from './profile';

export function cortContext(prompt: string, template: ChatTemplate = DEEPSEEK_R1_DISTILL_QWEN): string {
  return renderGenerationPrompt(template, prompt);
}

/** What running the code of a sample with `traceProfile` needs, in a project that chose `project`. */
export function executionSetup(traceProfile: TraceProfile, project: ProjectSemantics, prompt: string, template?: ChatTemplate): ExecutionSetup {
  const semantics = semanticsFor(traceProfile, project);
  return { semantics, traceProfile, context: semantics === 'cort' ? cortContext(prompt, template) : '' };
}
