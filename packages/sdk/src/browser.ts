/**
 * @xloud/sdk/browser — the SDK for web pages (the Xloud console), with no Node.js module anywhere in its import
 * graph: `connectBrowser()` gives the same {@link IdentityClient} and typed resources as the Node entry, sent with
 * the browser's session cookie to the console's backend-for-frontend; plus the errors, the wire types, and the
 * OpenRC / clouds.yaml generators for the console's downloads. Configuration files, TLS settings and the
 * `auth_token` middleware are Node-only (`@xloud/sdk`, `@xloud/sdk/middleware`).
 *
 * @example
 * ```ts
 * import { connectBrowser, renderOpenrc, isXloudError } from '@xloud/sdk/browser';
 * const identity = connectBrowser({ baseUrl: '/dashboard/api/v3', headers: () => ({ 'X-CSRF-Token': csrf }) });
 * const { items, nextMarker } = await identity.users.page({ domain_id: 'default', limit: 20 });
 * ```
 */

// Everything the Node entry has too (errors, tokens, session, resources, credential files).
export * from './common-exports.ts';

// The browser client.
export { connectBrowser } from './connect-browser.ts';
export type { ConnectBrowserOptions } from './connect-browser.ts';
export { CookieAuth } from './auth/cookie.ts';
export type { CookieAuthOptions } from './auth/cookie.ts';
