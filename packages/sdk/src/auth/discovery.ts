import { ConnectionError, TimeoutError } from '../errors.ts';
import type { HttpTransport } from '../transport/http.ts';

/**
 * One entry of Keystone's version discovery document.
 *
 * @example
 * ```ts
 * const [v3]: VersionInfo[] = await identity.versions();
 * console.log(v3.id, v3.status); // 'v3.14' 'stable'
 * ```
 */
export interface VersionInfo {
  id: string;
  status: string;
  updated?: string;
  links: Array<{ rel: string; href: string; [key: string]: unknown }>;
  'media-types'?: Array<{ base: string; type: string }>;
  [key: string]: unknown;
}

const VERSIONED = /\/v3(\.\d+)?$/;

/** Strips trailing slashes. */
export const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * The unversioned root of an identity URL: `http://k:5000/identity/v3/` → `http://k:5000/identity`.
 *
 * @example
 * ```ts
 * identityRoot('http://127.0.0.1:5000/v3'); // 'http://127.0.0.1:5000'
 * ```
 */
export function identityRoot(url: string): string {
  return trimSlash(url).replace(/\/v(2\.0|3(\.\d+)?)$/, '');
}

function versionsFrom(body: unknown): VersionInfo[] {
  const b = body as { versions?: { values?: VersionInfo[] } | VersionInfo[]; version?: VersionInfo } | undefined;
  if (!b || typeof b !== 'object') return [];
  if (Array.isArray(b.versions)) return b.versions;
  if (b.versions && Array.isArray(b.versions.values)) return b.versions.values;
  if (b.version) return [b.version];
  return [];
}

/**
 * GET the version discovery document at `url` (Keystone answers 300 Multiple Choices at its root).
 *
 * @example
 * ```ts
 * const versions = await listVersions(new HttpTransport(), 'http://127.0.0.1:5000');
 * versions[0].id; // 'v3.14'
 * ```
 */
export async function listVersions(http: HttpTransport, url: string): Promise<VersionInfo[]> {
  const res = await http.json({ method: 'GET', url: trimSlash(url) || url }, { allow3xx: true });
  return versionsFrom(res.body);
}

/**
 * The Identity v3 base URL for an `auth_url` given with or without `/v3`, as keystoneauth discovers it: a URL ending
 * in `/v3` is used as is; otherwise the discovery document's v3 `self` link; if discovery fails with an HTTP error or
 * an unexpected document, `<url>/v3`.
 *
 * @throws {ConnectionError|TimeoutError} if the server cannot be reached.
 * @example
 * ```ts
 * await discoverIdentityV3(new HttpTransport(), 'http://127.0.0.1:5000'); // 'http://127.0.0.1:5000/v3'
 * ```
 */
export async function discoverIdentityV3(http: HttpTransport, authUrl: string): Promise<string> {
  const url = trimSlash(authUrl);
  if (VERSIONED.test(url)) return url;
  const root = identityRoot(url);
  try {
    const versions = await listVersions(http, root);
    const v3 = versions
      .filter((v) => /^v3(\.|$)/.test(v.id) && /^(stable|current|supported)$/i.test(v.status))
      .sort((a, b) => b.id.localeCompare(a.id, undefined, { numeric: true }))[0];
    const self = v3?.links?.find((l) => l.rel === 'self')?.href;
    if (self) return trimSlash(self);
  } catch (err) {
    if (err instanceof ConnectionError || err instanceof TimeoutError) throw err;
  }
  return `${root}/v3`;
}

/**
 * True when `v3Url` answers `GET` with an Identity v3 version document (`{ "version": { "id": "v3.…" } }`), as
 * Keystone does. Used after a 404 from `POST …/auth/tokens` to tell a wrong `auth_url` (nothing there) from a
 * token-method login whose token is unknown, which Keystone also answers with 404. Never throws.
 *
 * @example
 * ```ts
 * await isIdentityV3(new HttpTransport(), 'http://127.0.0.1:5000/v3'); // true
 * await isIdentityV3(new HttpTransport(), 'http://127.0.0.1:5000/wrong/v3'); // false
 * ```
 */
export async function isIdentityV3(http: HttpTransport, v3Url: string): Promise<boolean> {
  try {
    const res = await http.json<{ version?: { id?: unknown } }>({ method: 'GET', url: trimSlash(v3Url) });
    return typeof res.body?.version?.id === 'string' && /^v3(\.|$)/.test(res.body.version.id);
  } catch {
    return false;
  }
}
