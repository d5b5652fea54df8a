import { isIP } from 'node:net';
import { OptionValueError } from './config-error.ts';
import { listOption } from './option-builders.ts';
import type { OptionSpec } from './option-types.ts';

/** One network as oslo's ipaddress.ip_network reads it: `10.0.0.0/8`, `fd00::/8`, or a bare address (one host). */
function parseNetwork(item: string): string {
  const [address = '', prefix, ...rest] = item.split('/');
  const family = isIP(address);
  const maxPrefix = family === 4 ? 32 : 128;
  const bits = prefix === undefined ? maxPrefix : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (family === 0 || rest.length > 0 || !(bits >= 0 && bits <= maxPrefix)) {
    throw new OptionValueError(
      `expected a comma-separated list of networks such as 10.0.0.0/8 or fd00::/8 (${JSON.stringify(item)} is not one)`,
    );
  }
  return `${address}/${bits}`;
}

/** A comma-separated list of CIDR networks, checked at start-up; values are normalized to `address/prefix`. */
export function networkListOption(spec: { help: string }): OptionSpec<readonly string[]> {
  const list = listOption({ default: [], help: spec.help });
  return {
    ...list,
    typeName: 'list value',
    parse: (raw) => Object.freeze(list.parse(raw).map(parseNetwork)),
  };
}

/**
 * An oslo option this server does not implement: the empty default is accepted, any value refused at
 * start-up, so a keystone.conf that relies on it fails loudly instead of silently losing the behaviour.
 */
export function refusedListOption(spec: { help: string; instead: string }): OptionSpec<readonly string[]> {
  const list = listOption({
    default: [],
    help: `${spec.help} Not implemented: setting it is refused at start-up (${spec.instead}).`,
  });
  return {
    ...list,
    parse: (raw) => {
      if (list.parse(raw).length > 0) throw new OptionValueError(`not implemented by this server; ${spec.instead}`);
      return Object.freeze([]);
    },
  };
}
