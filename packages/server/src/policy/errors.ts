import type { ErrorCode } from '../errors.ts';

/** A check string that the policy language cannot express; raised at load time. */
export class PolicyParseError extends Error {
  readonly code = 'ERR_POLICY_PARSE' satisfies ErrorCode;

  constructor(
    readonly ruleText: string,
    detail: string,
  ) {
    super(`invalid policy check string "${ruleText}": ${detail}`);
    this.name = 'PolicyParseError';
  }
}

/** A policy set that cannot be enforced as a whole (bad file, cycles, undefined rules). */
export class PolicyLoadError extends Error {
  readonly code = 'ERR_POLICY_LOAD' satisfies ErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PolicyLoadError';
  }
}
