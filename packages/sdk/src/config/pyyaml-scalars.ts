/**
 * The plain-scalar rules of PyYAML's SafeLoader (YAML 1.1 as PyYAML implements it), as tags for the `yaml` package,
 * so the SDK reads clouds.yaml exactly as openstacksdk does. The `yaml` package's own YAML 1.1 schema differs on
 * purpose-built details PyYAML never had: `y`/`n` are booleans there, `08` is 8, `1e3` is a number, `.` is NaN, and
 * timestamps become Date objects. The regular expressions below are PyYAML's (`yaml/resolver.py`), the conversions
 * those of `yaml/constructor.py`; test/yaml.test.ts runs both on the same documents.
 */
import type { ScalarTag } from 'yaml';

const bool: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  identify: (value) => typeof value === 'boolean',
  test: /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  resolve: (source) => /^(?:yes|true|on)$/i.test(source),
};

const float: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (value) => typeof value === 'number',
  test: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  resolve(source, onError) {
    const { sign, digits } = signed(source.replace(/_/g, '').toLowerCase());
    if (digits === '.inf') return sign * Number.POSITIVE_INFINITY;
    if (digits === '.nan') return Number.NaN;
    const value = digits.includes(':') ? sexagesimal(digits.split(':').map(Number)) : Number(digits);
    if (Number.isNaN(value)) onError(`could not convert string to float: '${source}'`);
    return sign * value;
  },
};

const int: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  test: /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  resolve(source, onError) {
    const { sign, digits } = signed(source.replace(/_/g, ''));
    let value: number;
    if (digits === '0') value = 0;
    else if (digits.startsWith('0b')) value = parseDigits(digits.slice(2), 2);
    else if (digits.startsWith('0x')) value = parseDigits(digits.slice(2), 16);
    else if (digits.startsWith('0')) value = parseDigits(digits, 8);
    else if (digits.includes(':')) value = sexagesimal(digits.split(':').map(Number));
    else value = parseDigits(digits, 10);
    if (Number.isNaN(value)) onError(`invalid literal for int(): '${source}'`);
    return value === 0 ? 0 : sign * value; // Python's ints have no -0
  },
};

const nullTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:null',
  default: true,
  identify: (value) => value === null || value === undefined,
  test: /^(?:~|null|Null|NULL|)$/,
  resolve: () => null,
};

/**
 * PyYAML gives a `datetime.date` / `datetime.datetime`; configuration values are strings, so the SDK gives what
 * Python's `isoformat()` prints for that object (`2002-12-14`, `2001-12-14T21:59:43.100000-05:00`): the same text
 * openstacksdk would get from `str()` up to the `T`, and never a JavaScript Date.
 */
const timestamp: ScalarTag = {
  tag: 'tag:yaml.org,2002:timestamp',
  default: true,
  identify: () => false,
  test: /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  resolve(source, onError) {
    const match =
      /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.(\d*))?(?:[ \t]*(Z|([-+])(\d\d?)(?::(\d\d))?))?)?$/.exec(
        source,
      )!;
    const [, year, month, day, hour, minute, second, fraction, tz, tzSign, tzHour, tzMinute] = match;
    const date = `${year}-${pad(month!)}-${pad(day!)}`;
    const days = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (
      days.getUTCFullYear() !== Number(year) ||
      days.getUTCMonth() !== Number(month) - 1 ||
      days.getUTCDate() !== Number(day)
    ) {
      onError(`day is out of range for month: '${source}'`);
    }
    if (hour === undefined) return date;
    if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) onError(`time out of range: '${source}'`);
    const micro = (fraction ?? '').slice(0, 6).padEnd(6, '0');
    let text = `${date}T${pad(hour)}:${minute}:${second}${/^0+$/.test(micro) ? '' : `.${micro}`}`;
    if (tzSign) {
      if (Number(tzHour) * 60 + Number(tzMinute ?? 0) >= 24 * 60) onError(`UTC offset out of range: '${source}'`);
      text += `${tzSign}${pad(tzHour!)}:${tzMinute ?? '00'}`;
      // Python prints a zero offset as +00:00 whatever its sign.
      text = text.replace(/-00:00$/, '+00:00');
    } else if (tz) text += '+00:00';
    return text;
  },
};

/** `=` alone: PyYAML resolves it to tag:yaml.org,2002:value, which its SafeLoader cannot construct. */
const valueTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:value',
  default: true,
  identify: () => false,
  test: /^=$/,
  resolve: (_source, onError) =>
    onError(
      "could not determine a constructor for the tag 'tag:yaml.org,2002:value' (a plain = is not allowed; quote it)",
    ),
};

/** The implicit scalar tags, in PyYAML's resolution order. */
export const PYYAML_SCALAR_TAGS: readonly ScalarTag[] = [bool, float, int, nullTag, timestamp, valueTag];

/** The tags PyYAML resolves differently from the `yaml` package's YAML 1.1 schema (replaced by the ones above). */
export const REPLACED_TAGS: ReadonlySet<string> = new Set(PYYAML_SCALAR_TAGS.map((t) => t.tag));

function signed(text: string): { sign: number; digits: string } {
  const sign = text.startsWith('-') ? -1 : 1;
  return { sign, digits: /^[-+]/.test(text) ? text.slice(1) : text };
}

/** Python's int(text, radix): every character a digit of the radix, at least one. */
function parseDigits(digits: string, radix: number): number {
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix as 2 | 8 | 10 | 16];
  return valid.test(digits) ? Number.parseInt(digits, radix) : Number.NaN;
}

/** `1:20:30` (base 60, most significant first), summed from the least significant part as PyYAML does. */
function sexagesimal(parts: number[]): number {
  let value = 0;
  let base = 1;
  for (const part of parts.reverse()) {
    value += part * base;
    base *= 60;
  }
  return value;
}

function pad(text: string): string {
  return text.padStart(2, '0');
}
