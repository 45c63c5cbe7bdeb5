import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTrace } from '../../trace';
import { exportSamples } from '../../export';
import { ChatRecordError, chatRecordOf, readChatRecord, sampleFromChatRecord } from './sample';
import { cortHinted } from '../../export/testing/profileSamples';

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));
const NOW = '2025-01-01T00:00:00.000Z';
const where = { file: 'chat.jsonl', line: 1 };

describe('OpenAI messages', () => {
  const record = fixture('openai.json');
  const sample = sampleFromChatRecord(record, where, NOW);

  it('import into a chat trace: text, calls and results in the chat markers, byte for byte', () => {
    expect(sample.profile).toBe('chat');
    expect(sample.prompt).toBe('What is 2^10 + 1?');
    expect(sample.record.system).toBe('You are a careful mathematician.');
    expect(renderTrace(sample.trace)).toBe(
      '<think>\nI should compute 2^10 first.\n' +
        '<tool_call>\n{"name": "python", "arguments": {"code": "print(2**10)"}}\n</tool_call>\n' +
        '<tool_response>\n1024\n</tool_response>\n' +
        '<tool_call>\n{"name": "python", "arguments": {"code": "print(1024 + 1)"}}\n</tool_call>\n' +
        '<tool_response>\n1025\n</tool_response>\n' +
        'So it is 1025.\n</think>\n\nThe answer is \\boxed{1025}.',
    );
    expect(sample.trace.segments.map((s) => s.kind)).toEqual(['prose', 'code', 'output', 'code', 'output', 'prose', 'think-end', 'answer']);
  });

  it('export back: the same conversation, ids written as call_<n>', () => {
    const written = chatRecordOf(sample, 'openai');
    const renamed = JSON.parse(JSON.stringify(record).replaceAll('call_Xy12', 'call_0').replaceAll('call_Zq34', 'call_1'));
    expect(written).toEqual(renamed);
  });

  it('round-trips the JSON the studio writes byte for byte', async () => {
    const first = await exportSamples([{ ...sample, status: 'approved' }], { format: 'openai-messages', studioVersion: 't', exportedAt: 'x', include: 'all' });
    const line = JSON.parse(new TextDecoder().decode(first.files[0].bytes));
    const again = sampleFromChatRecord(line, where, NOW);
    const second = await exportSamples([{ ...again, status: 'approved' }], { format: 'openai-messages', studioVersion: 't', exportedAt: 'x', include: 'all' });
    expect(Buffer.from(second.files[0].bytes).equals(Buffer.from(first.files[0].bytes))).toBe(true);
  });
});

describe('Anthropic content blocks', () => {
  const record = fixture('anthropic.json');
  const sample = sampleFromChatRecord(record, where, NOW);

  it('import thinking inline, tool_use as a call, tool_result as its output', () => {
    expect(renderTrace(sample.trace)).toBe(
      '<think>Multiply with the tool.</think>Let me compute it.' +
        '<tool_call>\n{"name": "code_interpreter", "arguments": {"code": "print(17 * 23)"}}\n</tool_call>\n' +
        '<tool_response>\n391\n</tool_response>\n17 × 23 = \\boxed{391}.',
    );
    expect(sample.record).toMatchObject({ chat_style: 'anthropic', system: 'Use the code tool for arithmetic.' });
  });

  it('export back: the same blocks; the thinking signature is not kept', () => {
    const written = chatRecordOf(sample, 'anthropic');
    const expected = JSON.parse(JSON.stringify(record).replaceAll('toolu_01A', 'toolu_0'));
    delete expected.messages[1].content[0].signature;
    expect(written).toEqual(expected);
  });

  it('round-trips the JSON the studio writes byte for byte, CoRT samples included', async () => {
    const samples = [{ ...sample, status: 'approved' as const }, cortHinted];
    const first = await exportSamples(samples, { format: 'anthropic-messages', studioVersion: 't', exportedAt: 'x', include: 'all' });
    const lines = new TextDecoder().decode(first.files[0].bytes).trim().split('\n');
    expect(lines).toHaveLength(2);
    const again = lines.map((l, i) => ({ ...sampleFromChatRecord(JSON.parse(l), { file: 'a.jsonl', line: i + 1 }, NOW), status: 'approved' as const }));
    const second = await exportSamples(again, { format: 'anthropic-messages', studioVersion: 't', exportedAt: 'x', include: 'all' });
    expect(new TextDecoder().decode(second.files[0].bytes)).toBe(new TextDecoder().decode(first.files[0].bytes));
  });
});

describe('conversations a trace cannot hold are refused with the field', () => {
  const base = fixture('openai.json');
  const refused = (mutate: (r: { messages: Record<string, unknown>[] }) => void) => {
    const r = structuredClone(base);
    mutate(r);
    try {
      readChatRecord(r);
    } catch (err) {
      if (err instanceof ChatRecordError) return `${err.field}: ${err.message}`;
      throw err;
    }
    return 'accepted';
  };

  it.each([
    ['a second user question', (r: { messages: Record<string, unknown>[] }) => r.messages.push({ role: 'user', content: 'And 2^11?' }), /messages\[7\]\.role: only the first message may be the user's/],
    ['a call without code', (r: { messages: Record<string, unknown>[] }) => ((r.messages[2].tool_calls as { function: { arguments: string } }[])[0].function.arguments = '{"query": "x"}'), /messages\[2\]\.tool_calls\[0\]\.function\.arguments: a code call needs a string "code" argument/],
    ['code holding the chat markers', (r: { messages: Record<string, unknown>[] }) => ((r.messages[2].tool_calls as { function: { arguments: string } }[])[0].function.arguments = '{"code": "print(\'</tool_call>\')"}'), /messages\[2\]\.tool_calls\[0\]\.function\.arguments: text contains <tool_call>\/<tool_response> markers/],
    ['results out of order', (r: { messages: Record<string, unknown>[] }) => (r.messages[3].tool_call_id = 'call_other'), /messages\[3\]\.tool_call_id: results must follow their calls in order/],
    ['a call never answered', (r: { messages: Record<string, unknown>[] }) => r.messages.splice(3, 1), /messages\[3\]: 1 tool call\(s\) before it have no result/],
  ])('%s', (_, mutate, message) => {
    expect(refused(mutate)).toMatch(message);
  });
});
