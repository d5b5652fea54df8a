/** Splits a request body into the attributes we model and the "extra" ones Keystone stores verbatim. */
export function splitExtra(
  body: Record<string, unknown>,
  known: string[],
): [Record<string, unknown>, Record<string, unknown>] {
  const modelled: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (known.includes(key)) modelled[key] = value;
    else if (key !== 'links') extra[key] = value;
  }
  return [modelled, extra];
}

/** `options` with null values mean "unset"; on create there is nothing to unset. */
export function stripNullOptions(options: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!options) return undefined;
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== null));
}

/** On update, no extra attributes means "keep the stored ones": they are left out rather than sent empty. */
export function extraIfAny(extra: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(extra).length > 0 ? extra : undefined;
}

/** The extra attributes of an update body, or undefined when it has none (see extraIfAny). */
export function extraToUpdate(body: Record<string, unknown>, known: string[]): Record<string, unknown> | undefined {
  return extraIfAny(splitExtra(body, known)[1]);
}
