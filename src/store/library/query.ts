/**
 * The library's query — filters, search text and sort of the library state — and where it
 * runs. Locally (no source composed) the library filters and sorts its entries in memory
 * (rows.ts). On a team server the composition root gives a server source: the server answers
 * with the ids of the whole match in order, computed in SQL by the same rules
 * (core/library/query.ts), and the library renders rows from the entries it holds.
 */
import { ESTIMATE_TOKENIZER_ID } from '../../core/tokens';
import type { ServerApi } from '../sync/api';
import type { LibraryFilters, LibrarySort } from './state';

export interface LibraryQuery {
  filters: LibraryFilters;
  sort: LibrarySort;
  /** The tokenizer this page counts with (`TokenCounter.id`), for a sort by tokens. */
  tokenizer?: string | null;
  /**
   * The checks' definitions this page counts a kept check result under (entryFacts.ts
   * `currentChecksDefinitions`): its settings with its tokenizer, and uncounted. The server's
   * "checks failing" and sort by checks take only results kept under one of them.
   */
  checksDefinitions?: readonly string[];
}

/** Where a library query runs besides this page's memory. */
export interface LibraryQuerySource {
  /** Why this source cannot answer the query (the library then runs it here and says why), or null. */
  declines(query: LibraryQuery): string | null;
  /** The ids of every matching sample, in the query's order; rejects when the source cannot be reached. */
  ids(query: LibraryQuery, signal: AbortSignal): Promise<string[]>;
  /** Names the source in the library's notes: "The server". */
  readonly name: string;
}

/** The server's list limit on search text (routes/samples.ts). */
const MAX_SEARCH = 500;

/**
 * The query as the server's parameters. "Checks failing" and the sort by checks ask for the
 * results browsers sent (sync/serverFacts.ts) kept under this page's definitions: a result under
 * other settings or another tokenizer says nothing here.
 */
export function serverParams({ filters, sort, checksDefinitions }: LibraryQuery): Record<string, string> {
  const params: Record<string, string> = { sort: sort.column, order: sort.direction };
  if (filters.status !== 'all') params.status = filters.status;
  if (filters.source !== 'all') params.source = filters.source;
  if (filters.answer !== 'all') params.verdict = filters.answer;
  if (filters.query.trim()) params.q = filters.query;
  if (filters.assigned && filters.assigned !== 'all') params.assigned = filters.assigned;
  if (filters.checks === 'failing') params.checks = 'failing';
  // The filter and the sort by checks take only results kept under these.
  if (filters.checks === 'failing' || sort.column === 'checks') params.checksDefinition = (checksDefinitions ?? []).join(',');
  return params;
}

/** The team server's `GET /api/projects/:p/sample-ids`. */
export function serverQuerySource(api: Pick<ServerApi, 'sampleIds'>, project: number): LibraryQuerySource {
  return {
    name: 'The server',
    declines: ({ filters, sort, tokenizer }) => {
      // The server counts with the bundled estimate (server/data/tokenCounts.ts); a browser counting with a model's tokenizer sorts by its own counts.
      if (sort.column === 'tokens' && tokenizer !== ESTIMATE_TOKENIZER_ID) {
        return tokenizer ? "Sorted by tokens in this browser: the server counts with the Qwen3 estimate, this browser with the model's tokenizer" : 'Sorted by tokens in this browser once its tokenizer is loaded';
      }
      if (filters.query.length > MAX_SEARCH) return `Searched in this browser: the server takes searches of up to ${MAX_SEARCH} characters`;
      return null;
    },
    ids: async (query, signal) => (await api.sampleIds(project, serverParams(query), signal)).ids,
  };
}
