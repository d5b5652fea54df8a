import type { FastifyReply } from 'fastify';

/**
 * Aborted when the client disconnects before its response was sent, so work queued for it (a login waiting for
 * the password-hashing gate) can be dropped. Node's response 'close' also follows a sent response; by then
 * nothing listens any more.
 */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
