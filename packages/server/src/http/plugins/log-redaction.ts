/**
 * Query parameters whose values are secrets (password, passcode, secret, token, X-Auth-Token, access
 * keys, signatures): clients sometimes put them in URLs, and URLs are logged.
 */
const SECRET_PARAMETER = /pass|secret|token|key|signature/i;

export const REDACTED = '***';

function decodedName(rawName: string): string {
  try {
    return decodeURIComponent(rawName.replaceAll('+', ' '));
  } catch {
    return rawName;
  }
}

/** The URL with the value of every secret-bearing query parameter replaced; the rest as sent. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair; // a name alone carries no value
      const rawName = pair.slice(0, equals);
      return SECRET_PARAMETER.test(decodedName(rawName)) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}
