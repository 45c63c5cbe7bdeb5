import { describe, expect, it } from 'vitest';
import { archiveFiles, exportArchive } from './archive';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text), mediaType: 'application/json' });

describe('exportArchive', () => {
  it('holds every file under its name, byte for byte, and the same export gives the same archive', () => {
    const files = [file('cort.jsonl', '{"a":"é🙂"}\n{"b":2}\n'), file('manifest.json', '{"files":[]}\n'), file('empty.jsonl', '')];
    const at = new Date('2026-11-30T12:00:00.000Z');
    const archive = exportArchive(files, at);
    expect(archive.name).toBe('hint-studio-export.zip');
    const unpacked = archiveFiles(archive.bytes);
    expect(Object.keys(unpacked)).toEqual(['cort.jsonl', 'manifest.json', 'empty.jsonl']);
    for (const f of files) expect(unpacked[f.name]).toEqual(f.bytes);
    expect(exportArchive(files, at).bytes).toEqual(archive.bytes);
  });

  it('refuses two files of one name (one would hide the other)', () => {
    expect(() => exportArchive([file('a.json', '1'), file('a.json', '2')])).toThrow(/a\.json is in the export twice/);
  });
});
