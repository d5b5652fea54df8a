import { describe, expect, it } from 'vitest';
import { readOAuthParameters } from '../../src/services/oauth1/oauth1-request.ts';
import {
  baseStringUri,
  normalizeParameters,
  signatureBaseString,
  verifySignature,
} from '../../src/services/oauth1/oauth1-signature.ts';

/** RFC 5849 signatures, checked against the RFC's own examples and against signatures oauthlib 3.2.2 computed. */
describe('OAuth1 signature base string (RFC 5849 section 3.4.1)', () => {
  it('normalizes the parameters of the RFC example (3.4.1.3.2)', () => {
    const params: Array<[string, string]> = [
      ['b5', '=%3D'],
      ['a3', 'a'],
      ['c@', ''],
      ['a2', 'r b'],
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['c2', ''],
      ['a3', '2 q'],
    ];
    expect(normalizeParameters(params)).toBe(
      'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&' +
        'oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7',
    );
  });

  it('builds the base string URI as the RFC examples do (3.4.1.2)', () => {
    expect(baseStringUri('HTTP://EXAMPLE.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
    expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
    expect(baseStringUri('not a url')).toBeUndefined();
  });

  it('encodes method, URI and parameters', () => {
    expect(signatureBaseString('post', 'http://example.com/request', 'a=1&b=%20')).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a%3D1%26b%3D%2520',
    );
  });
});

describe('OAuth1 signature verification', () => {
  const url = 'http://Example.COM:80/v3/auth/tokens?b5=%3D%253D&a3=a&c%40=&a2=r%20b';
  // oauthlib.oauth1.Client(..., timestamp='1700000000', nonce='123456789').sign(url, http_method='POST')
  const authorization =
    'OAuth oauth_nonce="123456789", oauth_timestamp="1700000000", oauth_version="1.0", ' +
    'oauth_signature_method="HMAC-SHA1", oauth_consumer_key="9djdj82h48djs9d2abcdef0123456789", ' +
    'oauth_token="kkk9d7dh3k39sjv7abcdef0123456789", oauth_signature="G7HyyxjE%2BDpU6i2eu5aatqYjhS8%3D"';

  function check(request: { url: string; authorization: string }, consumerSecret: string, tokenSecret?: string) {
    const parsed = readOAuthParameters({ method: 'POST', ...request });
    if (!parsed.ok) throw new Error(parsed.error.description);
    const p = parsed.value;
    return verifySignature(
      {
        method: 'POST',
        url: request.url,
        signatureMethod: p.signatureMethod!,
        signature: p.signature!,
        signed: p.signed,
      },
      consumerSecret,
      tokenSecret,
    );
  }

  it('accepts the HMAC-SHA1 signature oauthlib computed, query parameters included', () => {
    expect(check({ url, authorization }, 'j49sk3j29djd', 'dh893hdasih9')).toBe(true);
  });

  it('refuses it with another secret, another URL or a changed parameter', () => {
    expect(check({ url, authorization }, 'j49sk3j29djd', 'other')).toBe(false);
    expect(check({ url, authorization }, 'other', 'dh893hdasih9')).toBe(false);
    expect(check({ url: url.replace('a3=a', 'a3=b'), authorization }, 'j49sk3j29djd', 'dh893hdasih9')).toBe(false);
    expect(
      check({ url: url.replace('auth/tokens', 'auth/token'), authorization }, 'j49sk3j29djd', 'dh893hdasih9'),
    ).toBe(false);
  });

  it('accepts PLAINTEXT as oauthlib signs it, and nothing else for it', () => {
    const plaintext =
      'OAuth oauth_nonce="123456789", oauth_timestamp="1700000000", oauth_version="1.0", ' +
      'oauth_signature_method="PLAINTEXT", oauth_consumer_key="9djdj82h48djs9d2abcdef0123456789", ' +
      'oauth_callback="oob", oauth_signature="j49sk3j29djd%26"';
    const request = { url: 'https://h:8443/v3/OS-OAUTH1/request_token', authorization: plaintext };
    expect(check(request, 'j49sk3j29djd')).toBe(true);
    expect(check(request, 'j49sk3j29dje')).toBe(false);
  });

  it('never verifies an RSA signature (Keystone has no RSA keys)', () => {
    const rsa = authorization.replace('HMAC-SHA1', 'RSA-SHA1');
    expect(check({ url, authorization: rsa }, 'j49sk3j29djd', 'dh893hdasih9')).toBe(false);
  });
});
