/**
 * The offer a client prefers by its Accept header (RFC 9110 quality values; a more specific range wins
 * over a wildcard for the same type). Ties go to the earlier offer, as webob's acceptable_offers does for
 * oslo.middleware. Returns undefined when nothing offered is acceptable.
 */
export function preferredType(accept: string | undefined, offers: readonly string[]): string | undefined {
  if (accept === undefined || accept.trim() === '') return offers[0];
  const ranges = accept.split(',').map((part) => {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return { range: range.trim(), quality: Number.isFinite(quality) ? quality : 0 };
  });
  let best: { offer: string; quality: number } | undefined;
  for (const offer of offers) {
    const [type] = offer.split('/');
    const specificity = (range: string) => (range === offer ? 3 : range === `${type}/*` ? 2 : range === '*/*' ? 1 : 0);
    const match = ranges
      .filter((r) => specificity(r.range) > 0)
      .sort((a, b) => specificity(b.range) - specificity(a.range))[0];
    if (match && match.quality > 0 && (!best || match.quality > best.quality)) best = { offer, quality: match.quality };
  }
  return best?.offer;
}
