/**
 * A project's own trace profiles: copies of a built-in with other rules or other tags, resolved
 * through the project's registry by every path (parse, mask, continuation, export, re-import),
 * validated with the profile schema, and never mistaken for CoRT's when unknown.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExecutor } from '../../python/node/index';
import { renderTrace } from '../trace';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../template';
import { generate, ScriptedModel } from '../generate';
import { exportSamples } from '../export';
import { importFile } from '../import';
import type { Sample } from '../sample/types';
import {
  addProfileCopy,
  replaceProfile,
  CORT_PROFILE,
  RETOOL_PROFILE,
  codeOpener,
  copyProfile,
  customProfilesProblems,
  formatResult,
  getProfile,
  interpreterRanges,
  parseWithProfile,
  profileOfSample,
  profileRegistry,
  projectProfileOfText,
  renderOutput,
  type TraceProfile,
} from './index';

/** CoRT's markers, a 512-character cap (256 + "..." + 256) instead of CoRT's 800. */
const CORT_512: TraceProfile = {
  ...copyProfile(CORT_PROFILE, 'cort-512', 'CoRT with a 512-char cap'),
  result: { ...CORT_PROFILE.result, truncation: { limit: 512, inclusive: false, head: 256, tail: 256, marker: '...' } },
};

/** ReTool's rules with other tags: <python> calls (generation stops at </python>), <result> outputs. */
const RETOOL_PY: TraceProfile = {
  ...copyProfile(RETOOL_PROFILE, 'retool-py', 'ReTool with <python>/<result> tags'),
  syntax: {
    kind: 'tagged',
    code: { open: '<python>', close: '</python>' },
    output: { open: '<result>', close: '</result>', lead: ['\n\n', '\n'], trail: ['\n\n'] },
    boundary: '<answer>',
  },
  code: { kind: 'template', before: '<python>\n```python\n', after: '\n```\n</python>' },
  output: { before: '\n\n<result>\n', after: '\n</result>\n\n' },
  continuation: { ...RETOOL_PROFILE.continuation, stop: ['</python>'] },
};

const REGISTRY = profileRegistry([CORT_512, RETOOL_PY]);

/** A trace as RETOOL_PY's harness writes it, by hand: model text, the interpreter's block, model text. */
const TURN_1 = 'Let me add.\n<python>\n```python\nprint(2 + 3)\n```\n</python>';
const RESULT = '\n\n<result>\n5\n</result>\n\n';
const TURN_2 = 'So the sum is 5.\n<answer>\\boxed{5}</answer>';
const TEXT = TURN_1 + RESULT + TURN_2;

function sampleOf(text: string, profile: TraceProfile): Sample {
  return {
    id: `s-${profile.id}`,
    problem: 'What is 2 + 3?',
    gtAnswer: '5',
    prompt: 'What is 2 + 3?',
    record: {},
    origin: { format: 'pasted', file: 'x.txt' },
    original: text,
    trace: parseWithProfile(text, profile),
    branches: [],
    status: 'approved',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    profile: profile.id,
  };
}

const executor = createNodeExecutor();
afterAll(() => executor.dispose());

describe('a custom profile', () => {
  it('resolves through the project registry only; an unknown id is an error naming it, never CoRT', () => {
    expect(getProfile('retool-py', REGISTRY)).toBe(RETOOL_PY);
    expect(profileOfSample({ profile: 'cort-512' }, REGISTRY)).toBe(CORT_512);
    expect(() => profileOfSample({ profile: 'retool-py' })).toThrow(/Unknown trace profile "retool-py"/);
  });

  it('parses by its own markers, renders back byte for byte, masks exactly its output blocks', () => {
    const trace = parseWithProfile(TEXT, RETOOL_PY);
    expect(renderTrace(trace)).toBe(TEXT);
    expect(trace.segments.map((s) => s.kind)).toContain('code');
    expect(trace.segments.find((s) => s.kind === 'output')?.text).toBe(RESULT);
    expect(interpreterRanges(trace, RETOOL_PY)).toEqual([[TURN_1.length, TURN_1.length + RESULT.length]]);
    // ReTool's own markers find no block in it.
    expect(interpreterRanges(parseWithProfile(TEXT, RETOOL_PROFILE), RETOOL_PROFILE)).toEqual([]);
    expect(codeOpener(RETOOL_PY)).toBe('<python>\n```python\n');
    expect(renderOutput('5', RETOOL_PY)).toBe(RESULT);
  });

  it('formats results by its own rule (the 512 cap), where CoRT keeps 700 characters whole', () => {
    const stdout = Array.from({ length: 700 }, (_, i) => String(i % 10)).join('');
    const run = { stdout: stdout + '\n', stderr: '', failed: false, timedOut: false };
    expect(formatResult(run, CORT_PROFILE)).toBe(stdout);
    expect(formatResult(run, CORT_512)).toBe(stdout.slice(0, 256) + '...' + stdout.slice(-256));
  });

  it('continues with its own stop string and writes its own output block (real Pyodide)', async () => {
    const model = new ScriptedModel([
      { chunks: [TURN_1.slice(0, -'</python>'.length)], stopReason: '</python>' },
      { chunks: [TURN_2], stopReason: null },
    ]);
    const { trace } = await generate(
      { segments: [] },
      {
        client: model,
        session: { executor, namespace: 'custom-profile-loop' },
        template: DEEPSEEK_R1_DISTILL_QWEN,
        prompt: 'p',
        settings: { model: 'm', callTimeoutMs: 30_000 },
        profile: RETOOL_PY,
      },
    );
    expect(renderTrace(trace)).toBe(TEXT);
    expect(model.requests[0]!.stop).toEqual(['</python>']);
  }, 120_000);

  it('exports by its own markers, names itself in every record and carries its definition in the manifest; re-import knows it only with the registry', async () => {
    const sample = sampleOf(TEXT, RETOOL_PY);
    const options = { format: 'cort' as const, include: 'all' as const, studioVersion: 't', exportedAt: '2025-06-01T00:00:00.000Z' };
    await expect(exportSamples([sample], options)).rejects.toThrow(/Unknown trace profile "retool-py"/);
    const { files, manifest } = await exportSamples([sample], { ...options, profiles: REGISTRY });
    const jsonl = files.find((f) => f.name.endsWith('.jsonl'))!;
    const record = JSON.parse(new TextDecoder().decode(jsonl.bytes).trim());
    expect(record.trace_profile).toBe('retool-py');
    expect(record.response).toBe(TEXT);
    // Code points = UTF-16 units here (ASCII).
    expect(record.output_spans).toEqual([{ start: TURN_1.length, end: TURN_1.length + RESULT.length }]);
    expect(manifest.traceProfiles).toEqual({ 'retool-py': 1 });
    expect(manifest.customProfiles).toEqual([RETOOL_PY]);

    const again = await importFile(jsonl.name, jsonl.bytes, { profiles: REGISTRY });
    expect(again.rejects).toEqual([]);
    expect(again.samples[0]!.profile).toBe('retool-py');
    expect(renderTrace(again.samples[0]!.trace)).toBe(TEXT);
    const unknown = await importFile(jsonl.name, jsonl.bytes);
    expect(unknown.samples).toEqual([]);
    expect(unknown.rejects[0]).toMatchObject({ field: 'trace_profile', reason: expect.stringMatching(/Unknown trace profile "retool-py"/) });
  });

  it("is a project's reading of imported traces: same markers, or its own markers when no built-in has them", () => {
    const cortText = 'x\n```python\nprint(1)\n```\n```output\n1\n```\n';
    expect(projectProfileOfText(cortText, CORT_PROFILE, CORT_512)).toBe(CORT_512);
    expect(projectProfileOfText(TEXT, CORT_PROFILE, RETOOL_PY)).toBe(RETOOL_PY);
    // A ReTool trace stays ReTool's in a CoRT-512 project, a CoRT trace CoRT's in a retool-py project.
    expect(projectProfileOfText('<code>\n```python\n1\n```\n</code>\n\n<interpreter>\n1\n</interpreter>\n\n', RETOOL_PROFILE, CORT_512)).toBe(RETOOL_PROFILE);
    expect(projectProfileOfText(cortText, CORT_PROFILE, RETOOL_PY)).toBe(CORT_PROFILE);
  });
});

describe('custom profile validation', () => {
  it('names the profile and the field of every problem', () => {
    const bad = { ...CORT_512, result: { ...CORT_512.result, truncation: { ...CORT_512.result.truncation!, limit: 'many' } } };
    const problems = customProfilesProblems([bad], 'team.json');
    expect(problems).toEqual([expect.stringMatching(/^team\.json\[0\] \(cort-512\): \/result\/truncation\/limit must be/)]);
    const { sources: _sources, ...unsourced } = CORT_512;
    expect(customProfilesProblems([unsourced])[0]).toMatch(/^profiles\[0\] \(cort-512\): \(profile\) must have required property 'sources'/);
  });

  it("refuses a built-in's id, an id given twice, and what is no list", () => {
    expect(customProfilesProblems([{ ...CORT_512, id: 'cort' }])).toEqual([expect.stringMatching(/\/id "cort" is a built-in profile's id/)]);
    expect(customProfilesProblems([CORT_512, CORT_512])).toEqual([expect.stringMatching(/^profiles\[1\] \(cort-512\): \/id "cort-512" is given twice/)]);
    expect(customProfilesProblems({ id: 'x' }, 'p.json')).toEqual(['p.json: must be a JSON array of trace profiles']);
    expect(() => profileRegistry([{ ...CORT_512, id: 'cort' }])).toThrow(/Invalid trace profiles/);
  });

  it('Settings edits: a copy added under a new id, a profile replaced by its JSON; a problem leaves no list', () => {
    const added = addProfileCopy([], RETOOL_PROFILE, ' retool-py ', '');
    expect(added.profiles?.map((p) => [p.id, p.name])).toEqual([['retool-py', `${RETOOL_PROFILE.name} (copy)`]]);
    expect(addProfileCopy(added.profiles!, CORT_PROFILE, 'retool-py', 'again')).toEqual({ profiles: null, problems: [expect.stringMatching(/\/id "retool-py" is given twice/)] });
    expect(replaceProfile(added.profiles!, 0, '{ "id": ')).toEqual({ profiles: null, problems: [expect.stringMatching(/^custom profiles\[0\]: not valid JSON/)] });
    const renamed = replaceProfile(added.profiles!, 0, JSON.stringify({ ...added.profiles![0], name: 'ReTool in Python' }));
    expect(renamed.profiles?.[0]?.name).toBe('ReTool in Python');
    expect(replaceProfile(added.profiles!, 0, JSON.stringify({ ...added.profiles![0], id: 'cort' })).problems).toEqual([expect.stringMatching(/^custom profiles\[0\].*built-in profile's id/)]);
  });
});
