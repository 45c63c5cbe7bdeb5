/**
 * Public API of answer handling: extracting the boxed final answer. Whether it equals the
 * ground truth is decided by one verdict, `answerVerdict` in core/checks/answer.
 */
export { extractBoxed, extractAllBoxed, finalAnswer } from './boxed';
