/** The training formats for tool-integrated traces, one writer per framework. */
export { verlMultiturnFiles } from './verl-multiturn';
export { trlFiles, TRL_TRAINING_NOTE, type TrlLayout } from './trl';
export { axolotlFiles, trainDetail, type TrainDetail } from './axolotl';
export { llamaFactoryToolsFiles, LLAMA_FACTORY_TOOLS_DATASET } from './llamafactory-tools';
export { openRlhfFiles, type OpenRlhfLayout } from './openrlhf';
export { dpoFiles } from './dpo';
export { prmFiles, prmRecord } from './prm';
export { sampleMessages, turnMessages, type ChatMessage, type ToolCallMessage } from './chat-messages';
export { TRAINING_SCHEMAS, TrainingRecordInvalidError, trainingRecordProblems, assertTrainingRecord, type TrainingSchema } from './validate';
export { chatJsonFiles } from './chat-json';
