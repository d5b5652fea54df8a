/**
 * Renders a time the way Keystone's `utils.isotime(at, subsecond=True)` does.
 *
 * Keystone zeroes the microseconds before formatting, so every token
 * `expires_at`/`issued_at` it returns ends in `.000000Z`; clients and tests
 * compare these strings literally, so we truncate rather than round.
 */
export function formatKeystoneTime(date: Date): string {
  const wholeSeconds = date.toISOString().slice(0, 19);
  return `${wholeSeconds}.000000Z`;
}
