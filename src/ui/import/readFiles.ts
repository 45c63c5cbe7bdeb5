/** File types the importers understand; other files are still offered to them (pasted traces). */
export const IMPORT_ACCEPT = '.jsonl,.json,.ndjson,.parquet,.txt,.md';
