/**
 * Sampling and loop limits, with CoRT's values as defaults (DESIGN.md §2, infer/
 * inference_vllm_dp_mj.py and the RL rollout). Where CoRT's inference script and its RL
 * rollout differ, the difference is a setting:
 *
 * |                    | inference (eval script)        | RL rollout                              |
 * |--------------------|--------------------------------|-----------------------------------------|
 * | rounds (max calls) | 10 by default, 15 in its eval  | 7 by default, 12 train / 15 val         |
 * | time per call      | 30 s                           | 5 s                                     |
 * | max_tokens         | min(per call, model length −   | response length + prompt − tokens(prompt|
 * |                    | tokens(prompt + response))     | + response); ≤ 0 drops the last output  |
 * | stop               | the string "`\n"               | the token "`\n" (one token id)          |
 */
import { CORT_SYSTEM_NOTICE } from '../exec/semantics/notice';

export type TokenBudget =
  /** CoRT's inference: each request may use min(maxTokens, modelLength − tokens so far). */
  | 'inference'
  /** CoRT's RL rollout: responseLength tokens for the whole response; when an output would
   *  leave none, the output is dropped and the sequence ends. */
  | 'rl';

export interface GenerationSettings {
  /** Model name as the server knows it. */
  model: string;
  temperature: number;
  topP: number;
  /** max_tokens of one request (CoRT: max_tokens_per_call, 32,768). */
  maxTokens: number;
  /** The model's context length: prompt + response + outputs must fit (CoRT's eval: 32,768). */
  modelLength: number;
  /**
   * CoRT's max_func_call: model rounds per trace, counting the calls already in it. Round
   * max−2 is the last whose code runs normally and gets the [SYSTEM] notice; round max−1 has
   * no stop string.
   */
  maxRounds: number;
  /** Per code call. */
  callTimeoutMs: number;
  budget: TokenBudget;
  /** RL only: the response length the whole response must fit in (CoRT: 16,000 train, 31,000 val). */
  responseLength: number;
}

export const CORT_DEFAULTS: Omit<GenerationSettings, 'model'> = {
  temperature: 0.6,
  topP: 0.95,
  maxTokens: 32_768,
  modelLength: 32_768,
  maxRounds: 15,
  callTimeoutMs: 30_000,
  budget: 'inference',
  responseLength: 16_000,
};

/** CoRT's stop string: the last backtick of a closing fence and its line break. */
export const CODE_STOP = '`\n';

/** What CoRT appends to the output of round max−2. */
export const CODE_LIMIT_MESSAGE = CORT_SYSTEM_NOTICE;
