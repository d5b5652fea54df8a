import { percentDecode } from './percent-encode.ts';

/**
 * The parameters of an `Authorization: OAuth ...` header, as oauthlib's parse_authorization_header reads them
 * (urllib's parse_http_list, then parse_keqv_list): comma-separated `key="value"` items, quotes removed, a later
 * duplicate key replacing an earlier one; `oauth_` values are percent-decoded, as collect_parameters does.
 * Undefined when the header is not an OAuth one or does not parse.
 */
export function parseOAuthAuthorization(header: string): Array<[string, string]> | undefined {
  if (!/^oauth /i.test(header.slice(0, 6))) return undefined;
  const params = new Map<string, string>();
  for (const item of splitHttpList(header.slice(6))) {
    const eq = item.indexOf('=');
    if (eq < 0) return undefined;
    const key = item.slice(0, eq);
    let value = item.slice(eq + 1);
    if (value.length === 0) return undefined;
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    params.set(key, key.startsWith('oauth_') ? percentDecode(value) : value);
  }
  return [...params];
}

/** urllib.request.parse_http_list: commas outside double quotes separate items; `\` escapes inside quotes. */
function splitHttpList(text: string): string[] {
  const items: string[] = [];
  let part = '';
  let escaped = false;
  let quoted = false;
  for (const c of text) {
    if (escaped) {
      part += c;
      escaped = false;
    } else if (quoted) {
      if (c === '\\') escaped = true;
      else {
        if (c === '"') quoted = false;
        part += c;
      }
    } else if (c === ',') {
      items.push(part);
      part = '';
    } else {
      if (c === '"') quoted = true;
      part += c;
    }
  }
  if (part) items.push(part);
  return items.map((p) => p.trim()).filter((p) => p.length > 0);
}
