import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { ConfigError, parseYaml } from '../src/index.ts';

/** Documents both parsers must read identically (the `yaml` package with merge keys on is the oracle). */
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
  'scalars': `
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
  'empty': ``,
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
  'unicode': `
name: "Ünïcödé"
emoji: 🚀
`,
};

describe('parseYaml matches the yaml package', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    test(name, () => {
      expect(parseYaml(text)).toEqual(YAML.parse(text, { merge: true }) ?? null);
    });
  }
});

test('PyYAML booleans (yes/no/on/off) as openstacksdk reads clouds.yaml', () => {
  const text = 'a: yes\nb: No\nc: on\nd: OFF\n';
  expect(parseYaml(text)).toEqual({ a: true, b: false, c: true, d: false });
  expect(parseYaml(text)).toEqual(YAML.parse(text, { version: '1.1' }));
  // YAML 1.1 also lists y/n; PyYAML (and so openstacksdk) does not.
  expect(parseYaml('e: y\n')).toEqual({ e: 'y' });
});

describe('errors name the problem and the place', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['tab indentation', 'a:\n\tb: 1\n', /line 2.*tab/],
    ['tags', 'a: !!str 1\n', /tags/],
    ['complex keys', '? a\n: b\n', /complex mapping keys/],
    ['directives', '%YAML 1.2\n---\na: 1\n', /directives/],
    ['several documents', 'a: 1\n---\nb: 2\n', /several YAML documents/],
    ['duplicate keys', 'a: 1\na: 2\n', /line 2.*duplicate key "a"/],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n', /line 3/],
    ['unterminated quote', 'a: "abc\n', /unterminated quoted value/],
    ['unterminated flow', 'a: [1, 2\n', /unterminated flow collection/],
    ['mapping value in plain scalar', 'a: b: c\n', /mapping values are not allowed/],
    ['sequence on key line', 'a: - b\n', /sequence cannot start/],
    ['unknown alias', 'a: *nope\n', /unknown alias/],
    ['text after quoted value', 'a: "x" y\n', /unexpected text after a quoted value/],
    ['not key: value', 'a: 1\njust text\n', /line 2.*expected "key: value"/],
    ['block scalar dedent', 'a: |\n    more\n  less\nb: x\n', /line 3/],
  ];
  for (const [name, text, pattern] of cases) {
    test(name, () => {
      let error: unknown;
      try {
        parseYaml(text, { filename: 'clouds.yaml' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const e = error as ConfigError;
      expect(e.code).toBe('ERR_CONFIG');
      expect(e.message).toMatch(/^clouds\.yaml: line \d+, column \d+: /);
      expect(e.message).toMatch(pattern);
      expect(e.file).toBe('clouds.yaml');
      expect(e.line).toBeGreaterThan(0);
    });
  }

  test('the yaml package also rejects the malformed ones', () => {
    for (const text of ['a: 1\na: 2\n', 'a: "abc\n', 'a: [1, 2\n', 'a: b: c\n', 'a:\n  b: 1\n c: 2\n']) {
      expect(() => YAML.parse(text)).toThrow();
    }
  });
});

test('a prototype-polluting key stays an ordinary key', () => {
  const doc = parseYaml('__proto__:\n  polluted: true\n') as Record<string, unknown>;
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

test('documents generated by the yaml package in every style read back identically (3 000 samples)', () => {
  const rnd = prng(20240611);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const chars = [...'abcXYZ019 _-:#\'"{}[],&*!|>%@`?.é🚀\n\t\\/'];
  const str = (): string => {
    if (rnd() < 0.5) return pick(['admin', 'http://h:5000/v3', 'Default', 'RegionOne', 'a b c', 'x', '', 'v3', '3']);
    let s = '';
    for (let i = Math.floor(rnd() * 12); i > 0; i--) s += pick(chars);
    return s;
  };
  const key = (): string =>
    rnd() < 0.8 ? pick(['auth', 'auth_url', 'username', 'password', 'region_name', 'clouds', 'a', 'x y']) + (rnd() < 0.3 ? String(Math.floor(rnd() * 10)) : '') : str().replace(/[\n\t]/g, '') || 'k';
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.45) return pick<unknown>([str(), str(), Math.floor(rnd() * 1000) - 500, rnd() * 10, true, false, null]);
    if (r < 0.75) return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [key(), value(depth + 1)]));
    return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
  };
  let compared = 0;
  for (let i = 0; i < 3000; i++) {
    const options = {
      version: '1.1' as const, // so strings like "yes" are quoted, as PyYAML needs them
      indent: pick([2, 4]),
      indentSeq: rnd() < 0.5,
      lineWidth: pick([0, 20, 80]),
      minContentWidth: 0,
      collectionStyle: pick(['block', 'block', 'flow', 'any'] as const),
      defaultStringType: pick(['PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const),
    };
    const text = YAML.stringify(value(0), options);
    let expected: unknown;
    try {
      expected = YAML.parse(text, { version: '1.1' });
    } catch {
      continue; // the generator occasionally writes something it cannot read back itself
    }
    expect(parseYaml(text), text).toEqual(expected);
    compared++;
  }
  expect(compared).toBeGreaterThan(2900);
});
