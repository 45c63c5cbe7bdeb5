/** The quick checks off the page's thread (see quickChecks.ts and quickChecksInWorker.ts): a request a call. */
import { serve } from '../workers/serve';
import { quickChecks } from './quickChecks';

export const quickChecksWorkerApi = { quickChecks };
export type QuickChecksWorkerApi = typeof quickChecksWorkerApi;

serve(quickChecksWorkerApi);
