/** The quick checks off the page's thread (see quickChecks.ts and quickChecksInWorker.ts): a request a message. */
import type { SampleChecks } from '../../core/checks';
import { quickChecks, type QuickCheckRequest } from './quickChecks';

export type QuickChecksWorkerRequest = { id: number; request: QuickCheckRequest };
export type QuickChecksWorkerMessage = { id: number; result: SampleChecks } | { id: number; error: string };

/** The worker's global scope, as much of it as this file uses (the DOM lib has no worker types). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<QuickChecksWorkerRequest>) => void) | null;
  postMessage(message: QuickChecksWorkerMessage): void;
};

scope.onmessage = ({ data: { id, request } }) => {
  quickChecks(request).then(
    (result) => scope.postMessage({ id, result }),
    (err: unknown) => scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
  );
};
