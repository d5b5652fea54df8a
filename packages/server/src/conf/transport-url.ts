import { OptionValueError } from './config-error.ts';

/** One broker of an oslo.messaging transport URL. */
interface BrokerAddress {
  hostname: string;
  port: number;
  username: string;
  password: string;
}

/** `rabbit://user:pass@host:port[,user:pass@host2:port]/vhost`, as oslo.messaging's TransportURL reads it. */
export interface TransportUrl {
  /** The text as configured (shown only redacted). */
  readonly text: string;
  readonly brokers: readonly BrokerAddress[];
  /** The virtual host; '/' when the URL has none (kombu's default). */
  readonly virtualHost: string;
}

const DEFAULT_PORT = 5672;

function parseBroker(text: string): BrokerAddress {
  const at = text.lastIndexOf('@');
  const credentials = at >= 0 ? text.slice(0, at) : '';
  const hostPort = at >= 0 ? text.slice(at + 1) : text;
  const colon = credentials.indexOf(':');
  const username = decodeURIComponent(colon >= 0 ? credentials.slice(0, colon) : credentials);
  const password = decodeURIComponent(colon >= 0 ? credentials.slice(colon + 1) : '');
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  const plain = /^([^:[\]]*)(?::(\d+))?$/.exec(hostPort);
  const match = bracketed ?? plain;
  if (!match) throw new OptionValueError('expected rabbit://user:password@host:port/virtual_host');
  const port = match[2] === undefined ? DEFAULT_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new OptionValueError('the broker port must be 1-65535');
  // kombu connects to localhost when the host is left out (rabbit:///), with guest/guest.
  return {
    hostname: match[1] || 'localhost',
    port,
    username: username || 'guest',
    password: at >= 0 ? password : 'guest',
  };
}

/** Only the rabbit driver is implemented: the other oslo.messaging transports (kafka, amqp 1.0) are refused. */
export function parseTransportUrl(text: string): TransportUrl {
  const scheme = /^([a-z0-9+]+):\/\/(.*)$/i.exec(text.trim());
  if (!scheme) throw new OptionValueError('expected rabbit://user:password@host:port/virtual_host');
  const driver = scheme[1]!.toLowerCase();
  if (driver !== 'rabbit' && driver !== 'kombu') {
    throw new OptionValueError(
      `the ${driver}:// transport is not supported; use rabbit://user:password@host:port/virtual_host`,
    );
  }
  const rest = scheme[2]!.replace(/\?.*$/, '');
  const slash = rest.indexOf('/');
  const netloc = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? decodeURIComponent(rest.slice(slash + 1)) : '';
  const brokers = netloc.split(',').map(parseBroker);
  return Object.freeze({ text, brokers: Object.freeze(brokers), virtualHost: path === '' ? '/' : path });
}

/** Hides every password of a transport URL (it may name several brokers). */
export function redactTransportUrl(text: string): string {
  return text.replace(/([/,][^:/@,]*:)[^@,/]*@/g, '$1****@');
}
