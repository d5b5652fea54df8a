/** One check's outcome, in oslo.middleware's HealthcheckResult terms. */
export interface HealthcheckResult {
  available: boolean;
  /** Short and fixed ("OK", "DATABASE UNAVAILABLE"): shown to every client. */
  reason: string;
  /** The why (an error message, a count): shown only in the detailed output. */
  details: string;
  /** The check's name, oslo's "class" field in the detailed output. */
  kind: string;
}

export interface HealthCheck {
  run(): Promise<HealthcheckResult>;
}

export interface HealthReport {
  healthy: boolean;
  results: HealthcheckResult[];
}

/** Runs every check at once; one unavailable check makes the service unhealthy. */
export async function runHealthChecks(checks: readonly HealthCheck[]): Promise<HealthReport> {
  const results = await Promise.all(checks.map((check) => check.run()));
  return { healthy: results.every((result) => result.available), results };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
