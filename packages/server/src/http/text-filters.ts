import { ValidationError } from '../errors.ts';
import { isTextComparator, type TextMatch } from '../services/text-match.ts';

/** The filter attributes of one list call, as Keystone's `build_driver_hints(supported_filters)` gets them. */
export interface TextFilterSpec<A extends string> {
  /** Wire name → storage attribute, for the string attributes the list filters by. */
  text: Readonly<Record<string, A>>;
  /** The list's other filter attributes (booleans, timestamps): a text comparator on one is refused. */
  other?: readonly string[];
}

/**
 * Keystone's inexact filters in a list query: `<attribute>__<comparator>=<value>` where the attribute is one the list
 * filters by and the comparator is `contains`, `startswith` or `endswith`, case-insensitive with a leading `i`
 * (`name__icontains`). As in Keystone: a repeated key adds one filter per value (all must match); a key whose
 * attribute the list does not filter by (`description__contains`), or whose comparator is unknown (`name__like`),
 * is ignored like any other unknown query parameter. Where Keystone fails by accident — a comparator on a boolean
 * (`enabled__contains`: 400 "argument of type 'bool' is not iterable", or `enabled__icontains`: an empty list) —
 * this answers a plain 400.
 *
 * @example
 * ```ts
 * textMatches({ name__icontains: 'ali', limit: '20' }, { text: { name: 'name' } });
 * // [{ attribute: 'name', comparator: 'contains', value: 'ali', caseSensitive: false }]
 * ```
 */
export function textMatches<A extends string>(query: Record<string, unknown>, spec: TextFilterSpec<A>): TextMatch<A>[] {
  const matches: TextMatch<A>[] = [];
  for (const [key, raw] of Object.entries(query)) {
    const split = key.indexOf('__');
    if (split <= 0 || raw === undefined) continue;
    const wireName = key.slice(0, split);
    let comparator = key.slice(split + 2);
    const caseSensitive = !comparator.startsWith('i');
    if (!caseSensitive) comparator = comparator.slice(1);
    if (!isTextComparator(comparator)) continue;
    if (spec.other?.includes(wireName)) {
      throw new ValidationError(`Invalid input for query parameter '${key}': '${wireName}' is not a text attribute.`);
    }
    if (!Object.hasOwn(spec.text, wireName)) continue;
    const attribute = spec.text[wireName]!;
    for (const value of Array.isArray(raw) ? raw : [raw])
      matches.push({ attribute, comparator, value: String(value), caseSensitive });
  }
  return matches;
}
