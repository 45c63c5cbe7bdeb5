/**
 * The real import worker (importWorker.ts) that dies mid-file (importing.test.ts): once it
 * begins sending the page samples — the file's bytes long handed over — an error no call
 * catches kills it, as a crash (out of memory) would, and the file's result never reaches the page.
 */
import { parentPort } from 'node:worker_threads';

// Loaded first: loading a module in a thread sends messages of its own (the TypeScript loader's ports).
await import('../importWorker');

const send = MessagePort.prototype.postMessage;
let crashing = false;
MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
  const reply = this === (parentPort as unknown);
  // Once crashing, no reply gets out: the page sees the crash, never the file's result.
  if (crashing && reply) return;
  send.apply(this, args);
  // Replies go on the thread's own port; a callback's messages on a port of their own (comlink's
  // proxy): the first of those is the first chunk.
  if (crashing || reply) return;
  crashing = true;
  setTimeout(() => {
    throw new Error('the import worker ran out of memory');
  }, 0);
} as MessagePort['postMessage'];

