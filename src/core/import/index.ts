/** Public API of the importers: files of every supported format, and pasted traces. */
export { importFile, type ImportOptions } from './importFile';
export { importPastedTrace, splitPastedTrace, type PastedSplit, type PastedTemplate, type PastedTraceOptions } from './pasted';
export { cortPrompt, problemFromCortPrompt, CORT_INSTRUCTION } from './cortPrompt';
export { sampleId } from './makeSample';
export { describeReject, ImportFormatError, type ImportReject, type ImportResult, type RecordUnit } from './types';
export { CortLineImporter } from './cortLines';
export { jsonlLines } from './jsonl';
