/**
 * The user's own tokenizer for the tokenized export (and exact token statistics), built from
 * a tokenizer.json and, when given, the tokenizer_config.json next to it. The tokenizer itself
 * comes from core/tokens' `tokenizerFromFiles`, the loader `hint-studio export` uses too.
 */
import type { TokenizerLike } from '../../core/export';
import { tokenizerFromFiles } from '../../core/tokens';
import { templateFromTokenizerConfig, type ChatTemplate } from '../../core/template';
import { errorText } from '../../core/util';

export interface LoadedTokenizer {
  tokenizer: TokenizerLike;
  /** File names, for the dialog ("tokenizer.json + tokenizer_config.json"). */
  files: string[];
  /** The chat template of tokenizer_config.json, when it has one. */
  template?: ChatTemplate;
}

async function readJson(file: File): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await file.text()) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${file.name} is not valid JSON (${errorText(err)})`);
  }
}

/**
 * Picks tokenizer.json and tokenizer_config.json out of the chosen files by name (any other
 * *.json that is not the config counts as the tokenizer, for renamed copies).
 */
export async function loadTokenizerFiles(files: readonly File[]): Promise<LoadedTokenizer> {
  const configFile = files.find((f) => f.name === 'tokenizer_config.json');
  const tokenizerFile = files.find((f) => f.name === 'tokenizer.json') ?? files.find((f) => f !== configFile && f.name.endsWith('.json'));
  if (!tokenizerFile) throw new Error('Choose the model\'s tokenizer.json (and, if you have it, its tokenizer_config.json).');
  const [tokenizerJson, config] = await Promise.all([readJson(tokenizerFile), configFile ? readJson(configFile) : Promise.resolve<Record<string, unknown>>({})]);

  const tokenizer = await tokenizerFromFiles(tokenizerJson, config, tokenizerFile.name);

  let template: ChatTemplate | undefined;
  if (configFile && config.chat_template !== undefined) template = templateFromTokenizerConfig(config, configFile.name); // named as the CLI names it

  return {
    tokenizer,
    files: [tokenizerFile.name, ...(configFile ? [configFile.name] : [])],
    template,
  };
}
