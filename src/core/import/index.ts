/** Public API of the importers: files of every supported format, and pasted traces. */
export { importFile, type ImportOptions } from './importFile';
export { carriedProfiles, type CarriedProfiles } from './carriedProfiles';
export { importPastedTrace, splitPastedTrace, type PastedSplit, type PastedTemplate, type PastedTraceOptions } from './pasted';
export { cortPrompt, problemFromCortPrompt, CORT_INSTRUCTION } from './cortPrompt';
export { sampleId, contentKey, adoptContentKey } from './makeSample';
export { describeReject, describeNote, ImportFormatError, type ImportNote, type ImportReject, type ImportResult, type RecordUnit } from './types';
export { FIELD_LIMITS, exceedsLimits, boundUnknownFields, type FieldLimits } from './bounds';
export { CortLineImporter } from './cortLines';
export { jsonlLines } from './jsonl';
