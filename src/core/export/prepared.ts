/** What every format writer receives: a gated sample with its rendered strings computed once. */
import type { GatedSample } from './types';
import type { TraceProfile } from '../profiles/types';

/** `sample.trace` is the trace exported: the sample's own, or its conversion to the target profile. */
export interface PreparedSample extends GatedSample {
  /** The profile the exported trace follows (the target profile when the export converts). */
  profile: TraceProfile;
  /** renderTrace(sample.trace): the text after the generation prompt. */
  response: string;
  /** The user prompt through the chat template with add_generation_prompt. */
  templatedPrompt: string;
}

/**
 * The part of the assistant turn that the generation prompt already wrote (`<think>\n` for
 * DeepSeek-R1-Distill and QwQ). A chat-message export must put it back in front of the
 * response, or the assistant message would not start its reasoning the way the model does.
 */
export function reasoningOpener(templatedPrompt: string): string {
  const m = /<think>\r?\n?$/.exec(templatedPrompt);
  return m ? m[0] : '';
}

/**
 * What the generation prompt wrote of this sample's assistant turn: the reasoning opener for a
 * trace that continues the prompt; nothing for a chat trace, which holds its whole turn.
 */
export function promptOpener(prepared: Pick<PreparedSample, 'templatedPrompt'> & { profile?: { continuesPrompt: boolean } }): string {
  return prepared.profile?.continuesPrompt === false ? '' : reasoningOpener(prepared.templatedPrompt);
}

/** The assistant message of a chat-format export: opener + response. */
export function assistantContent(prepared: PreparedSample): string {
  return promptOpener(prepared) + prepared.response;
}
