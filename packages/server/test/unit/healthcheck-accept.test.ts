import { describe, expect, it } from 'vitest';
import { isLoopback, networkMatcher } from '../../src/http/client-address.ts';
import { preferredType } from '../../src/http/health/accept.ts';

const OFFERS = ['text/plain', 'application/json'];

describe("preferredType (the healthcheck's Accept negotiation, webob-like)", () => {
  it.each([
    [undefined, 'text/plain'],
    ['', 'text/plain'],
    ['*/*', 'text/plain'],
    ['application/json', 'application/json'],
    ['application/json, text/plain', 'text/plain'],
    ['text/plain;q=0.5, application/json', 'application/json'],
    ['application/*', 'application/json'],
    ['text/*;q=0.1, application/json;q=0.2', 'application/json'],
    ['application/json;q=0, */*', 'text/plain'],
    ['text/html', undefined],
    ['APPLICATION/JSON', 'application/json'],
  ])('Accept %j → %j', (accept, expected) => {
    expect(preferredType(accept, OFFERS)).toBe(expected);
  });
});

describe('client address rules', () => {
  it('loopback is 127.0.0.0/8 and ::1 only; an unknown client is not loopback', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.8.9.10')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('128.0.0.1')).toBe(false);
    expect(isLoopback('::2')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });

  it('networkMatcher matches by family and prefix; an empty list matches nobody', () => {
    const matches = networkMatcher(['10.0.0.0/8', '192.0.2.7/32', 'fd00::/8']);
    expect(matches('10.255.0.1')).toBe(true);
    expect(matches('11.0.0.1')).toBe(false);
    expect(matches('192.0.2.7')).toBe(true);
    expect(matches('192.0.2.8')).toBe(false);
    expect(matches('fd12::1')).toBe(true);
    expect(matches('fe80::1')).toBe(false);
    expect(matches(undefined)).toBe(false);
    expect(networkMatcher([])('10.0.0.1')).toBe(false);
  });
});
