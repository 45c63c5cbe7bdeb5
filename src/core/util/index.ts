export { fnv1a64, hashHex, stableId } from './hash';
export { errorText } from './errorText';
