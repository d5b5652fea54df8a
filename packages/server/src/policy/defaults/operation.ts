import type { PolicyOperation } from '../policy-rule.ts';

export function op(method: string, path: string): PolicyOperation {
  return { method, path };
}

/** Keystone documents most read APIs under both GET and HEAD. */
export function getAndHead(path: string): PolicyOperation[] {
  return [op('GET', path), op('HEAD', path)];
}
