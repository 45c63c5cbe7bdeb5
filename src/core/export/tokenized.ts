/**
 * Tokenized JSONL: `input_ids` and `labels`, with -100 (PyTorch's ignore index) over the
 * templated prompt and over every interpreter output span, made with the user's own
 * tokenizer — ids are never guessed, so the format refuses to run without one.
 *
 * Alignment choice: the text is tokenized piecewise — prompt, then the response cut at the
 * output-span boundaries — and the pieces' ids are concatenated. Every token then belongs
 * wholly to one piece, so the mask is exact by construction (no token straddles a masked
 * and a trained character). The price: a BPE merge across a boundary cannot happen, so the
 * ids can differ from tokenizing the whole string at once. CoRT's boundaries sit at
 * "```output" after a newline and after "```\n", where Qwen-style pre-tokenizers split
 * anyway, so this is rare; the export counts the samples where it happens and says so in
 * the manifest.
 */
import type { FormatOutput } from './format-result';
import type { PreparedSample } from './prepared';
import type { TokenStatistics, TokenizerLike } from './types';
import { cortOutputRanges } from './offsets';
import { interpreterRanges } from '../profiles/parse';
import { jsonlBytes } from './canonical-json';

export const IGNORE_INDEX = -100;

export class TokenizerRequiredError extends Error {
  constructor() {
    super(
      "The tokenized export needs the model's own tokenizer.json: token ids are never guessed. " +
        'Choose a tokenizer (CLI: --tokenizer tokenizer.json) or pick another format.',
    );
    this.name = 'TokenizerRequiredError';
  }
}

interface Piece {
  text: string;
  trained: boolean;
}

/**
 * The prompt, then the response cut into trained text and masked interpreter output.
 * `masked`: the interpreter's ranges; CoRT's output regex unless the sample's profile says
 * otherwise (interpreterRanges for ReTool, rStar2, ... whose outputs the regex cannot see).
 */
export function trainingPieces(templatedPrompt: string, response: string, masked: ReadonlyArray<[number, number]> = cortOutputRanges(response)): Piece[] {
  const pieces: Piece[] = [{ text: templatedPrompt, trained: false }];
  let at = 0;
  for (const [start, end] of masked) {
    if (start > at) pieces.push({ text: response.slice(at, start), trained: true });
    pieces.push({ text: response.slice(start, end), trained: false });
    at = end;
  }
  if (at < response.length) pieces.push({ text: response.slice(at), trained: true });
  return pieces.filter((p) => p.text !== '');
}

export interface TokenizedSample {
  input_ids: number[];
  labels: number[];
  /** Whether piecewise ids equal tokenizing the whole text at once. */
  matchesWholeText: boolean;
}

export function tokenizeSample(tokenizer: TokenizerLike, templatedPrompt: string, response: string, masked?: ReadonlyArray<[number, number]>): TokenizedSample {
  const input_ids: number[] = [];
  const labels: number[] = [];
  for (const piece of trainingPieces(templatedPrompt, response, masked)) {
    const ids = tokenizer.encode(piece.text);
    input_ids.push(...ids);
    labels.push(...(piece.trained ? ids : ids.map(() => IGNORE_INDEX)));
  }
  const whole = tokenizer.encode(templatedPrompt + response);
  const matchesWholeText = whole.length === input_ids.length && whole.every((id, i) => id === input_ids[i]);
  if (tokenizer.eosTokenId !== undefined) {
    input_ids.push(tokenizer.eosTokenId);
    labels.push(tokenizer.eosTokenId);
  }
  return { input_ids, labels, matchesWholeText };
}

export function tokenizerName(tokenizer: TokenizerLike): string {
  return tokenizer.name ?? 'user tokenizer';
}

export function tokenStatistics(tokenizer: TokenizerLike, lengths: number[], trainedTokens?: number): TokenStatistics {
  const total = lengths.reduce((a, b) => a + b, 0);
  const stats: TokenStatistics = {
    tokenizer: tokenizerName(tokenizer),
    samples: lengths.length,
    totalTokens: total,
    maxTokens: lengths.length ? Math.max(...lengths) : 0,
    meanTokens: lengths.length ? Math.round((total / lengths.length) * 100) / 100 : 0,
  };
  if (trainedTokens !== undefined) stats.trainedTokens = trainedTokens;
  return stats;
}

export function tokenizedFiles(samples: readonly PreparedSample[], tokenizer: TokenizerLike | undefined, onTokenized?: (done: number, total: number) => void): FormatOutput {
  if (!tokenizer) throw new TokenizerRequiredError();
  const records = [];
  const lengths: number[] = [];
  let trained = 0;
  const boundaryMerges: string[] = [];
  for (const p of samples) {
    const masked = p.profile.id === 'cort' ? undefined : interpreterRanges(p.sample.trace, p.profile);
    const t = tokenizeSample(tokenizer, p.templatedPrompt, p.response, masked);
    records.push({ sample_id: p.sample.id, input_ids: t.input_ids, labels: t.labels });
    lengths.push(t.input_ids.length);
    trained += t.labels.filter((l) => l !== IGNORE_INDEX).length;
    if (!t.matchesWholeText) boundaryMerges.push(p.sample.id);
    onTokenized?.(records.length, samples.length);
  }
  const warnings = boundaryMerges.length
    ? [
        `${boundaryMerges.length} sample(s) tokenize differently at a prompt/output boundary than as one string ` +
          `(tokenized piecewise so the loss mask is exact): ${boundaryMerges.join(', ')}`,
      ]
    : [];
  return {
    files: [{ name: 'tokenized.jsonl', bytes: jsonlBytes(records), mediaType: 'application/jsonl' }],
    warnings,
    tokenStatistics: tokenStatistics(tokenizer, lengths, trained),
  };
}
