/** Public API of model-driven generation: the client contract, CoRT's loop, parallel continuations. */
export type { CompletionChunk, CompletionRequest, ModelClient } from './types';
export { ModelClientError, isAbort, type ModelErrorKind } from './errors';
export { CODE_LIMIT_MESSAGE, CODE_STOP, CORT_DEFAULTS, type GenerationSettings } from './settings';
export {
  countCodeCalls,
  generate,
  replayCodeCells,
  type ExecutorSession,
  type GenerateOptions,
  type GenerationFinish,
  type GenerationResult,
  type GenerationSummary,
} from './loop';
export { continueN, continuationNamespaces, type ContinueOptions } from './continue';
export { appendText, scanInContext, type Author } from './append';
export { cutAfterFirstBlock, firstInlineBlock } from './cut';
export { ScriptedModel, type ScriptedTurn } from './scripted-model';
