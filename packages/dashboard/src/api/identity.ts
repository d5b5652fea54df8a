import { connectBrowser, type IdentityClient } from '@xloud/sdk/browser';
import { csrfHeaders, SESSION_BASE } from './console-session.ts';

type UnauthorizedListener = () => void;
const listeners = new Set<UnauthorizedListener>();
let lastActivity = Date.now();

/** Called when the API says the session is over (401); the session provider sends the user to sign-in. */
export function onSessionLost(listener: UnauthorizedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** When the last proxied API call was made: the server's idle timer restarts on each one. */
export function lastApiActivity(): number {
  return lastActivity;
}

const trackingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, { ...init, credentials: 'same-origin' });
  if (response.status !== 401) lastActivity = Date.now();
  return response;
};

/**
 * The console's one API client: @xloud/sdk's typed resources over the console's proxy to the public v3 API.
 * Anything the console does, the SDK and CLI can do with the same calls.
 */
export const identity: IdentityClient = connectBrowser({
  baseUrl: `${SESSION_BASE}/v3`,
  headers: csrfHeaders,
  fetch: trackingFetch,
  onUnauthorized: () => {
    for (const listener of listeners) listener();
  },
});
