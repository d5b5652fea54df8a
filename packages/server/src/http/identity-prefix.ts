/** Every v3 route is also served under /identity/v3 (the path DevStack and Xloud's documentation use). */
const IDENTITY_V3 = /^\/identity(?=\/v3(?:[/?#]|$))/;

/** The path the router sees: /identity/v3/… routes as /v3/…. */
export function withoutIdentityPrefix(url: string): string {
  return url.replace(IDENTITY_V3, '');
}

/** '/identity' when the client called the API under /identity, so that links keep that prefix; else ''. */
export function identityPrefixOf(originalUrl: string): string {
  return originalUrl.startsWith('/identity/') || originalUrl === '/identity' ? '/identity' : '';
}
