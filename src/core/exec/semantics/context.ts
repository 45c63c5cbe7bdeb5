/**
 * The text before the response that CoRT's loop scans: the generation prompt as the chat
 * template renders it. DeepSeek-R1-Distill-Qwen is CoRT's model family, so it is the default.
 */
import { DEEPSEEK_R1_DISTILL_QWEN } from '../../template/presets';
import { renderGenerationPrompt } from '../../template/render';
import type { ChatTemplate } from '../../template/types';
import type { ExecutionProfile, ProfileRun } from './profile';

export function cortContext(prompt: string, template: ChatTemplate = DEEPSEEK_R1_DISTILL_QWEN): string {
  return renderGenerationPrompt(template, prompt);
}

/** What running a sample's code under `profile` needs. */
export function profileRun(profile: ExecutionProfile, prompt: string, template?: ChatTemplate): ProfileRun {
  return { profile, context: profile === 'cort' ? cortContext(prompt, template) : '' };
}
