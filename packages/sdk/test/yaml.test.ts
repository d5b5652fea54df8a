/**
 * The SDK reads clouds.yaml with the `yaml` package in YAML 1.1 mode and PyYAML's scalar rules (src/config/
 * read-yaml.ts). The oracle is PyYAML itself, Debian's (`/usr/bin/python3`, package python3-yaml): every document
 * below, and 3 000 generated ones, go through both readers and must come out equal. Timestamps compare as Python's
 * `isoformat()`; NaN and the infinities as their names.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { readYaml } from '../src/config/read-yaml.ts';
import { ConfigError, loadCloudConfig } from '../src/index.ts';

const PYTHON = '/usr/bin/python3';

/** Reads each document with PyYAML's safe_load: its value as JSON, or the error PyYAML raised. */
const ORACLE = `
import datetime, json, math, sys
import yaml

def plain(value):
    if isinstance(value, float) and not math.isfinite(value):
        return '<float %s>' % value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value

out = []
for text in json.load(sys.stdin):
    try:
        out.append({'value': plain(yaml.safe_load(text))})
    except (yaml.YAMLError, ValueError) as e:
        out.append({'error': str(e).splitlines()[0]})
json.dump(out, sys.stdout)
`;

type OracleResult = { value: unknown } | { error: string };

function pyyaml(texts: string[]): OracleResult[] {
  try {
    execFileSync(PYTHON, ['-c', 'import yaml'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `${PYTHON} cannot import yaml: install Debian's python3-yaml (PyYAML is this test's oracle; .ci/run installs it with python3-openstackclient)`,
    );
  }
  return JSON.parse(
    execFileSync(PYTHON, ['-c', ORACLE], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 256 << 20 }),
  ) as OracleResult[];
}

/** The SDK's reading, in the oracle's terms (non-finite floats by name), or its error. */
function sdk(text: string): OracleResult {
  try {
    return { value: plain(readYaml(text, 'clouds.yaml')) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { error: error.message };
  }
}

function plain(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value))
    return `<float ${Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf'}>`;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Both readers on the same documents: equal values, or both refuse. */
function expectSameAsPyYaml(texts: string[]): void {
  const expected = pyyaml(texts);
  texts.forEach((text, i) => {
    const oracle = expected[i]!;
    const actual = sdk(text);
    if ('error' in oracle)
      expect(actual, `PyYAML refuses ${JSON.stringify(text)}: ${oracle.error}`).toHaveProperty('error');
    else expect(actual, text).toEqual(oracle);
  });
}

/** clouds.yaml-shaped documents and YAML syntax the SDK must read exactly as PyYAML's safe_load does. */
const SAMPLES: Record<string, string> = {
  'typical clouds.yaml': `
clouds:
  devstack:
    auth:
      auth_url: http://192.168.122.10:5000/v3   # keystone
      username: "demo"
      password: 'p@ss:word # not a comment'
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
  prod:
    auth_type: v3applicationcredential
    auth:
      auth_url: https://keystone.example.com/identity/v3
      application_credential_id: "21dced0fd20347869b93710d2b98aae0"
      application_credential_secret: "secret with spaces"
    verify: false
`,
  'dashboard download': `# This is a clouds.yaml file, which can be used by OpenStack tools as a source
# of configuration on how to connect to a cloud.
clouds:
  openstack:
    auth:
      auth_url: https://api.example.com/identity/v3
      username: "myuser"
      project_id: 0123456789abcdef0123456789abcdef
      project_name: "myproject"
      user_domain_name: "Default"
    region_name: "RegionOne"
    interface: "public"
    identity_api_version: 3
`,
  scalars: `
int: 42
neg: -7
plus: +12
float: 3.25
exp: 1e3
octal: 0o17
hex: 0xFF
inf: .inf
ninf: -.inf
t: true
f: False
n1: null
n2: ~
n3:
str: hello world
colon_in_value: http://host:5000/v3
time: 12:30
dash_value: -abc
quoted_num: "3"
single: 'it''s'
version: v3.14
ip: 10.0.0.1
`,
  'double-quoted escapes': `
a: "tab\\there"
b: "line\\nbreak"
c: "quote \\" and backslash \\\\"
d: "unicode \\u00e9 \\x41"
e: "hash # inside"
f: ""
g: ''
`,
  'block sequences': `
- a
- b
- - nested1
  - nested2
- key: value
  other: 2
-
  lonely: true
- ~
`,
  'indentless sequence under key': `
regions:
- RegionOne
- RegionTwo
next: x
`,
  'indented sequence under key': `
regions:
  - name: RegionOne
    values:
      a: 1
  - name: RegionTwo
next: x
`,
  'flow collections': `
a: [1, two, "three", 'four']
b: {x: 1, y: [a, b], z: {q: null}}
c: []
d: {}
e: [a, b, ]
f: {url: http://h:5000/v3, n: 5}
`,
  'multi-line flow': `
list: [
  one,
  two,   # comment
  three
]
map: {
  a: 1,
  b: 2
}
`,
  'literal block scalars': `
keep: |+
  a
  b

strip: |-
  a
  b

clip: |
  a

  b
indented: |
    more
      deeper
    lines
after: x
`,
  'folded block scalars': `
folded: >
  one
  two

  three
   indented
  four
stripped: >-
  x
  y
last: z
`,
  'block scalar with indentation indicator': `
a: |2
   leading space
  normal
b: end
`,
  'plain multi-line': `
description: this is
  a long description
  over lines

  with a paragraph
next: 1
`,
  'quoted multi-line': `
a: "first
  second"
b: 'one

  two'
`,
  'anchors and merge': `
defaults: &defaults
  auth_url: http://k/v3
  region_name: R1
  interface: public
clouds:
  a:
    <<: *defaults
    region_name: R2
  b:
    <<: *defaults
list:
  - &item x
  - *item
`,
  'merge list': `
one: &one {a: 1, b: 1}
two: &two {b: 2, c: 2}
m:
  <<: [*one, *two]
  c: 3
`,
  'document markers': `---
clouds: {}
...
`,
  'comments everywhere': `
# leading
a: 1 # trailing
# between
b:
  # inside
  c: 2
`,
  empty: ``,
  'only comments': `# nothing here
`,
  'keys with spaces and quotes': `
"quoted key": 1
'single key': 2
plain key: 3
"key: with colon": 4
`,
  'crlf line endings': 'a: 1\r\nb:\r\n  c: 2\r\n',
  'nested deep': `
a:
  b:
    c:
      d:
        - e: f
          g:
            - h
`,
  'top-level scalar': `just a string`,
  unicode: `
name: "Ünïcödé"
emoji: 🚀
`,
};

/** The scalars where YAML 1.1, YAML 1.2, PyYAML and the `yaml` package disagree with each other. */
const TRICKY: Record<string, unknown> = {
  '010': 8, // YAML 1.1 octal
  '0o17': '0o17', // YAML 1.2 octal, a string for PyYAML
  '08': '08', // not octal, not decimal: a string
  '0_10': 8,
  yes: true,
  Yes: true,
  YES: true,
  yEs: 'yEs',
  no: false,
  on: true,
  On: true,
  off: false,
  OFF: false,
  y: 'y', // a boolean for the YAML 1.1 spec and the yaml package, not for PyYAML
  n: 'n',
  True: true,
  FALSE: false,
  '~': null,
  null: null,
  Null: null,
  '': null,
  '1_000': 1000,
  '0x1F': 31,
  '-0x1F': -31,
  '0b101': 5,
  '+12': 12,
  '-0': 0,
  '190:20:30': 685230, // base 60
  '1:20': 80,
  '1:2:3.5': 3723.5,
  '1e3': '1e3', // PyYAML's floats need a dot and a signed exponent
  '1.0e3': '1.0e3',
  '1.0e+3': 1000,
  '1e+3': '1e+3',
  '6.8523015e+5': 685230.15,
  '685.230_15e+03': 685230.15,
  '3.': 3,
  '.5': 0.5,
  '-.5': '-.5',
  '.': '.',
  '.inf': '<float inf>',
  '-.inf': '<float -inf>',
  '.NaN': '<float nan>',
  '2002-12-14': '2002-12-14', // a datetime.date; the SDK gives its isoformat()
  '2001-12-14t21:59:43.10-05:00': '2001-12-14T21:59:43.100000-05:00',
  '2001-12-14 21:59:43.10': '2001-12-14T21:59:43.100000',
  '2001-12-14T21:59:43Z': '2001-12-14T21:59:43+00:00',
  '2001-1-2 1:02:03 +5:30': '2001-01-02T01:02:03+05:30',
  '2001-1-2': '2001-1-2', // only the full form without a time is a date
  '12:30': 750,
  'v3.14': 'v3.14',
  '10.0.0.1': '10.0.0.1',
  '3': 3,
};

describe('tricky scalars: what PyYAML reads, the SDK reads', () => {
  const keys = Object.keys(TRICKY);
  const texts = keys.map((k) => `value: ${k}\n`);
  test('each as PyYAML reads it (the oracle)', () => {
    expectSameAsPyYaml(texts);
  });
  test.each(keys.map((k) => [k, TRICKY[k]]))('%s', (scalar, expected) => {
    expect(sdk(`value: ${scalar}\n`)).toEqual({ value: { value: expected } });
  });
  test('quoted, every one is the string written', () => {
    for (const k of keys) expect(readYaml(`value: "${k}"\n`, 'clouds.yaml')).toEqual({ value: k });
  });
  test('explicit tags convert as PyYAML does', () => {
    expectSameAsPyYaml(['a: !!str 010\nb: !!int "010"\nc: !!bool "yes"\nd: !!float "1.5"\ne: !!null ""\n']);
  });
});

describe('documents: what PyYAML reads, the SDK reads', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    test(name, () => {
      expectSameAsPyYaml([text]);
    });
  }
  test('a repeated key keeps its last value, as in PyYAML', () => {
    expectSameAsPyYaml(['clouds:\n  a: {region_name: R1}\n  a: {region_name: R2}\n']);
    expect(readYaml('a: 1\na: 2\n', 'clouds.yaml')).toEqual({ a: 2 });
  });
  test('merge keys: explicit keys win wherever they are, earlier merged maps win over later ones', () => {
    const text = 'x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nm:\n  a: 0\n  <<: [*x, *y]\n';
    expectSameAsPyYaml([text]);
    expect((readYaml(text, 'clouds.yaml') as { m: unknown }).m).toEqual({ a: 0, b: 1, c: 2 });
  });
});

describe('documents PyYAML refuses are refused, naming the file, line and column', () => {
  const cases: Array<[string, string]> = [
    ['tab indentation', 'a:\n\tb: 1\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['unterminated quote', 'a: "abc\n'],
    ['unterminated flow', 'a: [1, 2\n'],
    ['mapping value in plain scalar', 'a: b: c\n'],
    ['unknown alias', 'a: *nope\n'],
    ['text after quoted value', 'a: "x" y\n'],
    ['not key: value', 'a: 1\njust text\n'],
    ['an unknown tag', 'a: !custom x\n'],
    ['a plain =', 'a: =\n'],
    ['an impossible date', 'a: 2001-02-30\n'],
  ];
  test('PyYAML refuses them all too', () => {
    const results = pyyaml(cases.map(([, text]) => text));
    expect(results.filter((r) => !('error' in r))).toEqual([]);
  });
  for (const [name, text] of cases) {
    test(name, () => {
      let error: unknown;
      try {
        readYaml(text, 'clouds.yaml');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const e = error as ConfigError;
      expect(e.code).toBe('ERR_CONFIG');
      expect(e.message).toMatch(/^clouds\.yaml: line \d+, column \d+: \S/);
      expect(e.file).toBe('clouds.yaml');
      expect(e.line).toBeGreaterThan(0);
      expect(e.column).toBeGreaterThan(0);
    });
  }
});

test('loadCloudConfig reads clouds.yaml with these rules (verify: no, api_timeout: 1_0, a quoted password)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xloud-sdk-yaml-'));
  const file = join(dir, 'clouds.yaml');
  writeFileSync(
    file,
    'clouds:\n  c:\n    verify: no\n    api_timeout: 1_0\n    auth:\n      auth_url: http://k/v3\n      username: u\n      password: "010"\n',
  );
  const config = loadCloudConfig({ cloud: 'c', env: { OS_CLIENT_CONFIG_FILE: file }, searchPath: [] });
  expect(config.insecure).toBe(true);
  expect(config.api_timeout).toBe(10);
  expect(config.auth.password).toBe('010');
});

test('a prototype-polluting key stays an ordinary key', () => {
  const doc = readYaml('__proto__:\n  polluted: true\n', 'clouds.yaml') as Record<string, unknown>;
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(doc)).toEqual(['__proto__']);
});

/** Seeded PRNG (mulberry32) so the generated documents are the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('documents generated by the yaml package in every style read as PyYAML reads them (3 000 samples)', () => {
  const rnd = prng(20240611);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const chars = [...'abcXYZ019 _-:#\'"{}[],&*!|>%@`?.é🚀\n\t\\/'];
  const str = (): string => {
    if (rnd() < 0.5)
      return pick([
        'admin',
        'http://h:5000/v3',
        'Default',
        'RegionOne',
        'a b c',
        'x',
        '',
        'v3',
        '3',
        ...Object.keys(TRICKY),
      ]);
    let s = '';
    for (let i = Math.floor(rnd() * 12); i > 0; i--) s += pick(chars);
    return s;
  };
  const key = (): string =>
    rnd() < 0.8
      ? pick(['auth', 'auth_url', 'username', 'password', 'region_name', 'clouds', 'a', 'x y']) +
        (rnd() < 0.3 ? String(Math.floor(rnd() * 10)) : '')
      : str().replace(/[\n\t]/g, '') || 'k';
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.45)
      return pick<unknown>([str(), str(), Math.floor(rnd() * 1000) - 500, rnd() * 10, true, false, null]);
    if (r < 0.75)
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [key(), value(depth + 1)]));
    return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
  };
  const texts: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const options = {
      version: '1.1' as const, // so strings like "yes" are quoted, as PyYAML needs them
      indent: pick([2, 4]),
      indentSeq: rnd() < 0.5,
      lineWidth: pick([0, 20, 80]),
      minContentWidth: 0,
      collectionStyle: pick(['block', 'block', 'flow', 'any'] as const),
      defaultStringType: pick([
        'PLAIN',
        'PLAIN',
        'QUOTE_DOUBLE',
        'QUOTE_SINGLE',
        'BLOCK_LITERAL',
        'BLOCK_FOLDED',
      ] as const),
    };
    // the top level is a mapping, as in clouds.yaml (a top-level block scalar is indented differently by PyYAML)
    const doc = Object.fromEntries(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => [key(), value(1)]));
    texts.push(YAML.stringify(doc, options));
  }
  const expected = pyyaml(texts);
  let compared = 0;
  texts.forEach((text, i) => {
    const oracle = expected[i]!;
    // PyYAML refuses some documents the yaml package reads (a tab inside a plain scalar, a character outside the BMP
    // written as an escaped surrogate pair): openstack could not use such a clouds.yaml either.
    if ('error' in oracle) return;
    // PyYAML reads `?` as the explicit-key indicator anywhere in a flow collection (YAML 1.1); a plain scalar that
    // starts with it is YAML 1.2. The only syntax difference the generator finds.
    if (/[{[,]\s*\?\S/.test(text)) return;
    expect(sdk(text), text).toEqual(oracle);
    compared++;
  });
  expect(compared).toBeGreaterThan(2800);
});
