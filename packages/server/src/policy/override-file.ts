import { readFileSync } from 'node:fs';
import type { parse } from 'yaml';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import { PolicyLoadError } from './errors.ts';

/**
 * Reads a policy.yaml / policy.json override file: a mapping of rule name to
 * check string, as accepted by oslo.policy. (JSON is valid YAML, so one parser
 * reads both.) The legacy list-of-lists rule syntax is not supported.
 */
export function readPolicyOverrideFile(path: string): Record<string, string> {
  let document: unknown;
  try {
    document = loadOnFirstUse<{ parse: typeof parse }>('yaml').parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolicyLoadError(`cannot read policy file ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new PolicyLoadError(`policy file ${path} must be a mapping of rule names to check strings`);
  }
  const overrides: Record<string, string> = {};
  for (const [name, checkStr] of Object.entries(document)) {
    if (typeof checkStr !== 'string') {
      throw new PolicyLoadError(
        `policy file ${path}: rule "${name}" must map to a check string (use "" to allow any token), got ${JSON.stringify(checkStr)}`,
      );
    }
    overrides[name] = checkStr;
  }
  return overrides;
}
