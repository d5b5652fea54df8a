import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditInitiator } from './audit-event.ts';

/**
 * What the HTTP layer knows about the request being served, for audit events raised deep inside services
 * without passing the request down every call. `caller` is read when the event happens: the token is
 * validated after the request starts.
 */
export interface AuditRequest {
  requestId: string;
  address?: string;
  agent?: string;
  caller(): Pick<AuditInitiator, 'userId' | 'projectId' | 'domainId'> | undefined;
}

const scope = new AsyncLocalStorage<AuditRequest>();

/** Runs `fn` (the rest of a request's handling) with `request` as the current request. */
export function runInAuditRequest<T>(request: AuditRequest, fn: () => T): T {
  return scope.run(request, fn);
}

export function currentAuditRequest(): AuditRequest | undefined {
  return scope.getStore();
}
