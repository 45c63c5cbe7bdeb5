import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudio, memoryPersistence } from '../src/store';
import { keyTable, withKeyTable } from '../src/store/commands/keyTable';

describe('the README key table', () => {
  it('is the one the command registry gives (npm run readme:keys rewrites it)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const studio = createStudio({ persistence: memoryPersistence() });
    const table = keyTable(studio.commands.help());
    expect(withKeyTable(readme, table)).toBe(readme);
    // What a reader looks for is in it.
    for (const row of ['`j`/`↓` Next step', '`2` Insert Hint-1', '`Shift+Enter` Run the cell', '`Ctrl+K`/`Ctrl+Shift+P` Command palette', '`/` Search samples']) {
      expect(table).toContain(row);
    }
  });
});
