/**
 * The user's own tokenizer for the tokenized export (and exact token statistics), as the files
 * they chose: tokenizer.json and, when given, the tokenizer_config.json next to it. Only read
 * here; the tokenizer is built where the export runs (a worker: store/project/exportRun.ts,
 * with core/tokens' `tokenizerFromFiles`, the loader `hint-studio export` uses too).
 */
import type { ExportTokenizerFiles } from '../../store/project/exportRun';
import { templateFromTokenizerConfig, type ChatTemplate } from '../../core/template';
import { errorText } from '../../core/util';

export interface ChosenTokenizer {
  files: ExportTokenizerFiles;
  /** File names, for the dialog ("tokenizer.json + tokenizer_config.json"). */
  names: string[];
  /** The chat template of tokenizer_config.json, when it has one. */
  template?: ChatTemplate;
}

let nextKey = 0;

/**
 * Picks tokenizer.json and tokenizer_config.json out of the chosen files by name (any other
 * *.json that is not the config counts as the tokenizer, for renamed copies). The config is
 * small and read here for its chat template; the tokenizer.json (MBs) is only read as bytes,
 * never decoded here: a string of it held the page in garbage collection and in every copy.
 */
export async function readTokenizerFiles(files: readonly File[]): Promise<ChosenTokenizer> {
  const configFile = files.find((f) => f.name === 'tokenizer_config.json');
  const tokenizerFile = files.find((f) => f.name === 'tokenizer.json') ?? files.find((f) => f !== configFile && f.name.endsWith('.json'));
  if (!tokenizerFile) throw new Error('Choose the model\'s tokenizer.json (and, if you have it, its tokenizer_config.json).');
  const [tokenizerJson, tokenizerConfig] = await Promise.all([tokenizerFile.arrayBuffer().then((b) => new Uint8Array(b)), configFile?.text()]);

  let template: ChatTemplate | undefined;
  if (configFile && tokenizerConfig !== undefined) {
    let config: Record<string, unknown>;
    try {
      config = JSON.parse(tokenizerConfig) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`${configFile.name} is not valid JSON (${errorText(err)})`);
    }
    if (config.chat_template !== undefined) template = templateFromTokenizerConfig(config, configFile.name); // named as the CLI names it
  }
  return {
    files: {
      key: nextKey++,
      name: tokenizerFile.name,
      tokenizerJson,
      ...(configFile && tokenizerConfig !== undefined ? { tokenizerConfig, configName: configFile.name } : {}),
    },
    names: [tokenizerFile.name, ...(configFile ? [configFile.name] : [])],
    template,
  };
}
