import type { OptionSpec } from './option-types.ts';
import { CONFIG_SCHEMA, SECTION_NAMES } from './schema.ts';

const WIDTH = 79;

function wrapComment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length + 1 + word.length > WIDTH && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

function renderOption(section: string, name: string, spec: OptionSpec<unknown>, dataDir: string): string[] {
  const value = spec.defaultValue({ dataDir });
  const shown = value === undefined ? '<None>' : spec.format(value);
  // oslo-config-generator writes a multi-valued default one value per line.
  const values = spec.multi && Array.isArray(value) && value.length > 0 ? value.map(String) : [shown];
  return [
    ...wrapComment(spec.help),
    `# (${spec.typeName})`,
    ...spec.constraints.map((c) => `# ${c}`),
    ...(spec.deprecated ? wrapComment(`Deprecated: ${spec.deprecated}`) : []),
    `# Environment: XLOUD__${section.toUpperCase()}__${name.toUpperCase()}`,
    ...values.map((v) => `#${name} = ${v}`),
    '',
  ];
}

/**
 * A keystone.conf-style sample listing every option, commented out, with its
 * default, in the layout of oslo-config-generator output. Defaults that live in the
 * data directory are shown for `dataDir` (default `./data`, as at run time).
 */
export function renderSampleConfig(opts: { dataDir?: string } = {}): string {
  const dataDir = opts.dataDir ?? './data';
  const out = [
    '# Sample keystone.conf for Xloud Identity (generated; do not edit by hand).',
    '#',
    '# Every option is shown commented out with its default value. Environment',
    '# variables XLOUD__<SECTION>__<OPTION> override this file; XLOUD_DATA_DIR moves',
    '# the data directory and XLOUD_PORT sets [eventlet_server] public_port.',
    '',
  ];
  for (const section of SECTION_NAMES) {
    out.push(`[${section}]`, '');
    const options = CONFIG_SCHEMA[section] as Readonly<Record<string, OptionSpec<unknown>>>;
    for (const [name, spec] of Object.entries(options)) out.push(...renderOption(section, name, spec, dataDir));
  }
  return out.join('\n');
}
