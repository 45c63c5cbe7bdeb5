/** Public API of the project file (backup/restore) and of merging samples into a collection. */
export {
  serializeProject,
  parseProject,
  isProjectDocument,
  sampleProblem,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type ParsedProject,
} from './projectFile';
export { mergeSamples, type MergeResult } from './merge';
