import { isXloudError } from '@xloud/sdk/browser';
import { SessionApiError } from './console-session.ts';

export type ErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'validation'
  | 'conflict'
  | 'network'
  | 'server'
  | 'other';

/** What kind of failure an error is, so pages react to it the same way everywhere. */
export function errorKind(error: unknown): ErrorKind {
  const status = errorStatus(error);
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 400 || status === 413) return 'validation';
  if (status === 409) return 'conflict';
  if (status !== undefined && status >= 500) return 'server';
  if (status === 0) return 'network';
  if (isXloudError(error) && (error.code === 'ERR_CONNECTION' || error.code === 'ERR_TIMEOUT')) return 'network';
  return 'other';
}

export function errorStatus(error: unknown): number | undefined {
  if (error instanceof SessionApiError) return error.status;
  if (error && typeof error === 'object' && 'status' in error && typeof error.status === 'number') return error.status;
  return undefined;
}

/** The server's own words (Keystone's error.message) when there are some. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'keystoneMessage' in error && typeof error.keystoneMessage === 'string')
    return error.keystoneMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}
