/** A worker whose module fails as it loads (client.test.ts: the page falls back). */
import { serve } from '../serve';

serve({});
throw new Error('this worker does not start');
