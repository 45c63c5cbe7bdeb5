/** Rewrites the README's key table from the command registry (`npm run readme:keys`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStudio, memoryPersistence } from '../src/store';
import { keyTable, withKeyTable } from '../src/store/commands/keyTable';

const readme = join(import.meta.dirname, '..', 'README.md');
const studio = createStudio({ persistence: memoryPersistence() });
const next = withKeyTable(readFileSync(readme, 'utf8'), keyTable(studio.commands.help()));
if (next === null) throw new Error('README.md has no key table markers');
writeFileSync(readme, next);
console.log('README.md: key table written from the command registry');
