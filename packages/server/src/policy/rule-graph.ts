import { referencedRules, type CheckNode } from './check-tree.ts';
import { PolicyLoadError } from './errors.ts';

/**
 * Rejects rule sets that oslo.policy would only fail on at request time: a
 * `rule:NAME` naming no rule (always false, usually a typo in policy.yaml) and
 * reference cycles (infinite recursion).
 */
export function assertRuleGraphIsSound(trees: ReadonlyMap<string, CheckNode>): void {
  for (const [name, tree] of trees) {
    for (const referenced of referencedRules(tree)) {
      if (!trees.has(referenced)) {
        throw new PolicyLoadError(`rule "${name}" refers to undefined rule "rule:${referenced}"`);
      }
    }
  }

  const finished = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    if (finished.has(name)) return;
    const loopStart = path.indexOf(name);
    if (loopStart >= 0) {
      throw new PolicyLoadError(`rule reference cycle: ${[...path.slice(loopStart), name].join(' -> ')}`);
    }
    for (const referenced of referencedRules(trees.get(name)!)) visit(referenced, [...path, name]);
    finished.add(name);
  };
  for (const name of trees.keys()) visit(name, []);
}
