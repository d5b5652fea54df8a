/**
 * `expires_at` travels as float seconds since the epoch.
 *
 * Keystone packs `(expires_at - epoch).total_seconds()`, a correctly rounded
 * µs/10⁶; ms/10³ is the same rational number, so the float64 bits agree.
 */
export function expiryToFloatSeconds(expiresAt: Date): number {
  return expiresAt.getTime() / 1000;
}

/**
 * Keystone unpacks with `datetime.utcfromtimestamp` (rounds half-even to µs)
 * and then renders with `isotime`, which drops the µs. Its expiry check parses
 * that rendered string, so the effective expiry is a whole second; we return
 * the same instant so both servers agree on when a token dies.
 * Undefined when the value is not a number a Date can hold.
 */
export function floatSecondsToExpiry(seconds: unknown): Date | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  let whole = Math.trunc(seconds);
  const micros = roundHalfEven((seconds - whole) * 1e6);
  if (micros >= 1e6) whole += 1;
  else if (micros < 0) whole -= 1;
  const date = new Date(whole * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}
