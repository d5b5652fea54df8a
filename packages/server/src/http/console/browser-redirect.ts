/** Media types a browser asks for when it navigates to a page. */
const HTML = new Set(['text/html', 'application/xhtml+xml']);
const JSON_TYPES = new Set(['application/json', 'application/vnd.openstack.identity-v3+json']);

/** Each media range's q value (default 1), highest per type. */
function qualities(accept: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    if (!type) continue;
    const q = params.find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(value)) continue;
    result.set(type, Math.max(result.get(type) ?? 0, value));
  }
  return result;
}

/**
 * True for a browser navigating to the page: HTML is asked for, and preferred over JSON. API clients
 * (keystoneauth sends application/json, curl sends *\/*) keep getting version discovery; on a tie JSON wins.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const q = qualities(accept);
  const best = (types: Set<string>) => Math.max(0, ...[...types].map((t) => q.get(t) ?? 0));
  const html = best(HTML);
  return html > 0 && html > best(JSON_TYPES);
}
