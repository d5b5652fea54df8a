import { isAlias, LineCounter, parseDocument, visit, type YAMLError, type Document, type Tags } from 'yaml';
import { ConfigError } from '../errors.ts';
import { PYYAML_SCALAR_TAGS, REPLACED_TAGS } from './pyyaml-scalars.ts';

/**
 * Reads a clouds.yaml / secure.yaml document as openstacksdk does (PyYAML's `safe_load`): YAML 1.1 with PyYAML's
 * scalar rules (`yes`/`on`/`off` booleans, `010` octal, `0o17` a string, `1_000`, `0x1F`, `~`, timestamps as their
 * ISO text: see pyyaml-scalars.ts), `<<` merge keys, and a repeated key keeping its last value. The syntax is the
 * `yaml` package's; an error names the file, line and column.
 *
 * @throws {ConfigError} on malformed YAML, several documents, or a tag PyYAML's SafeLoader does not know.
 */
export function readYaml(text: string, filename: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.1',
    merge: true,
    uniqueKeys: false,
    customTags: pyyamlTags,
    lineCounter,
  });
  // An unknown tag (`!foo`) is only a warning for the yaml package; PyYAML's SafeLoader refuses it.
  const [problem] = [...doc.errors, ...doc.warnings];
  if (problem) throw configError(problem, filename);
  try {
    return doc.toJS() ?? null;
  } catch (error) {
    // an alias without its anchor (or one repeated past the yaml package's limit): point at the first such alias
    const offset = unresolvedAliasOffset(doc);
    const where = offset === undefined ? undefined : lineCounter.linePos(offset);
    const message = `${where ? `${filename}: line ${where.line}, column ${where.col}` : filename}: ${(error as Error).message}`;
    throw new ConfigError(message, { file: filename, line: where?.line, column: where?.col, cause: error });
  }
}

/** The `yaml` package's YAML 1.1 tags, with the implicit scalars replaced by PyYAML's. */
function pyyamlTags(tags: Tags): Tags {
  return [...tags.filter((tag) => !isReplaced(tag)), ...PYYAML_SCALAR_TAGS];
}

function isReplaced(tag: Tags[number]): boolean {
  return typeof tag === 'object' && REPLACED_TAGS.has(tag.tag) && 'test' in tag && tag.test instanceof RegExp;
}

function unresolvedAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node) && node.resolve(doc) === undefined) {
      offset = node.range?.[0];
      return visit.BREAK;
    }
    return undefined;
  });
  return offset;
}

function configError(error: YAMLError, filename: string): ConfigError {
  const [start] = error.linePos ?? [];
  const where = start ? `${filename}: line ${start.line}, column ${start.col}` : filename;
  // the message's first line, without the position the yaml package appends to it (named first here)
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return new ConfigError(`${where}: ${message}`, {
    file: filename,
    line: start?.line,
    column: start?.col,
    cause: error,
  });
}
