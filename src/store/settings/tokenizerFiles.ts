/**
 * A model tokenizer's files, checked and described: which file is the tokenizer.json, whether
 * it is one, its name and vocabulary, and the counter built from it. Pure (no store): the token
 * worker runs it (tokenWorker.ts) so the page never builds the tokenizer; Node and tests run it
 * on their thread (tokenizer.ts).
 */
import { modelTokenizerId, tokenCounterFromTokenizerJson, type TokenCounter } from '../../core/tokens';
import { errorText } from '../../core/util';
import type { ModelTokenizerInfo } from './state';

/** A chosen file's name and text (the UI reads File objects; tests pass strings). */
export interface TokenizerFileText {
  name: string;
  text: string;
}

type Json = Record<string, unknown>;

function parseJsonObject(file: TokenizerFileText): Json {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (err) {
    throw new Error(`${file.name} is not valid JSON (${errorText(err)}).`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file.name} is not a JSON object.`);
  return value as Json;
}

const looksLikeConfig = (json: Json) => !('model' in json) && ('tokenizer_class' in json || 'chat_template' in json || 'added_tokens_decoder' in json);

/** Largest token id + 1 over the vocabulary and the added tokens, or undefined for an unknown layout. */
function vocabularySize(json: Json): number | undefined {
  const vocab = (json.model as { vocab?: unknown }).vocab;
  let size = Array.isArray(vocab) ? vocab.length : vocab && typeof vocab === 'object' ? Object.keys(vocab).length : undefined;
  if (size === undefined) return undefined;
  for (const t of Array.isArray(json.added_tokens) ? json.added_tokens : []) {
    const id = (t as { id?: unknown }).id;
    if (typeof id === 'number' && id >= size) size = id + 1;
  }
  return size;
}

/**
 * Picks tokenizer.json and the optional tokenizer_config.json out of the chosen files and
 * checks that they are what they claim, with a message naming the file when not.
 */
export function readTokenizerFiles(files: readonly TokenizerFileText[]): { tokenizer: TokenizerFileText; config?: TokenizerFileText; json: Json; configJson: Json } {
  const config = files.find((f) => f.name === 'tokenizer_config.json');
  const tokenizer = files.find((f) => f.name === 'tokenizer.json') ?? files.find((f) => f !== config);
  if (!tokenizer) {
    throw new Error(config ? 'tokenizer_config.json alone has no vocabulary: choose the model\'s tokenizer.json too.' : "Choose the model's tokenizer.json (and, if you have it, its tokenizer_config.json).");
  }
  const json = parseJsonObject(tokenizer);
  if (looksLikeConfig(json)) throw new Error(`${tokenizer.name} looks like a tokenizer_config.json, not a tokenizer.json: choose the tokenizer.json from the model's folder.`);
  const model = json.model as { type?: unknown; vocab?: unknown } | undefined;
  if (!model || typeof model !== 'object') throw new Error(`${tokenizer.name} has no "model" section: it is not a Hugging Face tokenizer.json.`);
  if (!model.vocab) throw new Error(`${tokenizer.name} has a "model" section without a vocabulary ("vocab").`);
  const configJson = config ? parseJsonObject(config) : {};
  return { tokenizer, config, json, configJson };
}

/** Builds the counter, turning the tokenizer library's errors into a sentence about the file. */
export async function counterFromFiles(picked: ReturnType<typeof readTokenizerFiles>, name: string): Promise<TokenCounter> {
  let counter: TokenCounter;
  try {
    counter = await tokenCounterFromTokenizerJson(picked.json, picked.configJson, name, modelTokenizerId(picked.tokenizer.text, picked.config?.text));
  } catch (err) {
    throw new Error(`${picked.tokenizer.name} could not be loaded as a tokenizer (${errorText(err)}).`);
  }
  // A tokenizer that maps plain words to nothing would show every trace as 0 tokens.
  if (!(counter.count('Okay, let us compute 2 + 2.') > 0)) throw new Error(`${picked.tokenizer.name} turns text into no tokens; is it the right file?`);
  return counter;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The most telling name the files give: the model path the config was saved from, a renamed
 * tokenizer file ("DeepSeek-R1-Distill-Qwen-1.5B.json"), the tokenizer class, the file name.
 */
function tokenizerName(picked: ReturnType<typeof readTokenizerFiles>): string {
  const renamed = picked.tokenizer.name !== 'tokenizer.json' ? picked.tokenizer.name : undefined;
  return text(picked.configJson.name_or_path) ?? renamed ?? text(picked.configJson.tokenizer_class) ?? picked.tokenizer.name;
}

export function describe(picked: ReturnType<typeof readTokenizerFiles>): Omit<ModelTokenizerInfo, 'loadedAt'> {
  const type = (picked.json.model as { type?: unknown }).type;
  const size = vocabularySize(picked.json);
  return {
    name: tokenizerName(picked),
    files: [picked.tokenizer.name, ...(picked.config ? [picked.config.name] : [])],
    summary: [typeof type === 'string' ? type : 'tokenizer', size ? `${size.toLocaleString('en-US')} tokens` : ''].filter(Boolean).join(', '),
  };
}

/** Checks the files, builds their counter and says what they are; rejects with a sentence naming the file. */
export async function loadTokenizerFileTexts(files: readonly TokenizerFileText[]): Promise<{ counter: TokenCounter; model: Omit<ModelTokenizerInfo, 'loadedAt'>; picked: { tokenizer: string; config?: string } }> {
  const picked = readTokenizerFiles(files);
  const model = describe(picked);
  const counter = await counterFromFiles(picked, model.name);
  return { counter, model, picked: { tokenizer: picked.tokenizer.name, ...(picked.config ? { config: picked.config.name } : {}) } };
}
