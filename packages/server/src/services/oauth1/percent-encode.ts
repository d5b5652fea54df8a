/**
 * RFC 5849 section 3.6 percent-encoding (oauthlib's `escape`, Python's `quote(value, safe='~')`): every byte of the
 * UTF-8 encoding except ALPHA, DIGIT, '-', '.', '_' and '~', as %XX with upper-case hex. encodeURIComponent leaves
 * `!'()*` alone, so those are encoded here. Throws URIError on a lone surrogate (not a string Python could hold).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Python's `unquote`: %XX sequences decoded as UTF-8 (invalid sequences replaced), everything else kept. */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
