import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FernetTokenProvider } from '../../src/token/providers/fernet/fernet-provider.ts';
import { loadFernetKeys, rotateFernetKeys, setupFernetKeys } from '../../src/token/providers/fernet/key-repository.ts';
import { FernetPayloadCodec } from '../../src/token/providers/fernet/payload-codec.ts';
import { TokenInvalidError } from '../../src/errors.ts';
import { expectedAfterRoundTrip, FERNET_CASES, KEYSTONE_METHODS } from './fernet-cases.ts';
import {
  decodedFromKeystone,
  keystoneBatch,
  keystoneKeys,
  keystoneSeal,
  keystoneSpecFor,
  keystoneValidate,
  keystoneVersions,
  oracleRequest,
  type KeystoneTokenSpec,
  type KeystoneValidation,
} from './keystone-oracle.ts';

/**
 * Proves compatibility against Keystone's own code (python3-keystone), both
 * ways, for every payload version we support. Missing Python modules make these
 * tests fail with the oracle's message, never skip. Oracle calls are batched:
 * every Python start imports Keystone, which takes a second or more.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const scratch = mkdtempSync(join(tmpdir(), 'fernet-interop-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const keyText = (key: { signingKey: Buffer; encryptionKey: Buffer }) =>
  `${Buffer.concat([key.signingKey, key.encryptionKey]).toString('base64url')}=`;

describe('Keystone oracle', () => {
  it('runs Keystone itself', () => {
    expect(keystoneVersions().keystone).toMatch(/^\d+\./);
  });
});

describe('key repositories are interchangeable with keystone-manage fernet_setup/fernet_rotate', () => {
  it('lays out and orders keys exactly like Keystone after setup and rotations', () => {
    const keystoneRepo = join(scratch, 'layout-keystone');
    const ourRepo = join(scratch, 'layout-ours');
    const keystoneRepository = { repo: keystoneRepo, max_active_keys: 3 };
    const rotate = oracleRequest.keys('rotate_keys', keystoneRepository);
    const responses = keystoneBatch([oracleRequest.keys('setup_keys', keystoneRepository), rotate, rotate, rotate]);
    setupFernetKeys(ourRepo, { maxActiveKeys: 3 });
    for (let i = 0; i < 3; i++) rotateFernetKeys(ourRepo, { maxActiveKeys: 3 });
    expect(readdirSync(ourRepo).sort()).toEqual(readdirSync(keystoneRepo).sort());

    expect(loadFernetKeys(keystoneRepo).map(keyText)).toEqual(responses[3].keys);
    expect(keystoneKeys('load_keys', { repo: ourRepo })).toEqual(loadFernetKeys(ourRepo).map(keyText));
  });
});

describe('tokens', () => {
  const keystoneRepo = join(scratch, 'tokens-keystone');
  const ourRepo = join(scratch, 'tokens-ours');
  const specs = FERNET_CASES.map((c) => keystoneSpecFor(c.payload));
  let keystoneTokens: string[];
  let keystoneReadsKeystones: KeystoneValidation[];
  let ourTokens: string[];
  let keystoneReadsOurs: KeystoneValidation[];
  let keystonePlaintexts: string[];

  beforeAll(() => {
    const keystoneSide = { repo: keystoneRepo, methods: KEYSTONE_METHODS };
    const ourSide = { repo: ourRepo, methods: KEYSTONE_METHODS };
    const issued = keystoneBatch([
      oracleRequest.keys('setup_keys', keystoneSide),
      oracleRequest.issue(keystoneSide, specs),
    ]);
    keystoneTokens = issued[1].tokens;

    setupFernetKeys(ourRepo, { maxActiveKeys: 3 });
    const ours = new FernetTokenProvider({ keyRepository: ourRepo, methods: KEYSTONE_METHODS });
    ourTokens = FERNET_CASES.map((c) => ours.issue(c.payload));

    const checked = keystoneBatch([
      oracleRequest.validate(keystoneSide, keystoneTokens),
      oracleRequest.validate(ourSide, ourTokens),
      oracleRequest.pack(ourSide, specs),
    ]);
    keystoneReadsKeystones = checked[0].results;
    keystoneReadsOurs = checked[1].results;
    keystonePlaintexts = checked[2].plaintexts_hex;
  });

  describe.each(FERNET_CASES.map((c, i) => ({ ...c, i })))('v$version $name', ({ payload, i }) => {
    it('a Keystone token decodes here to what Keystone itself decodes', () => {
      const keystoneView = decodedFromKeystone(keystoneReadsKeystones[i]);
      const ours = new FernetTokenProvider({ keyRepository: keystoneRepo, methods: KEYSTONE_METHODS }).decode(
        keystoneTokens[i],
      );
      expect(ours).toEqual(keystoneView);
      expect(ours).toEqual(expectedAfterRoundTrip(payload, ours.issuedAt));
    });

    it('our token decodes in Keystone to the payload we issued', () => {
      const keystoneView = decodedFromKeystone(keystoneReadsOurs[i]);
      expect(keystoneView).toEqual(expectedAfterRoundTrip(payload, keystoneView.issuedAt));
      const ours = new FernetTokenProvider({ keyRepository: ourRepo, methods: KEYSTONE_METHODS }).decode(ourTokens[i]);
      expect(keystoneView).toEqual(ours);
    });

    it("our plaintext is byte-identical to Keystone's msgpack", () => {
      const codec = new FernetPayloadCodec({ methods: KEYSTONE_METHODS });
      expect(Buffer.from(codec.encode(payload)).toString('hex')).toBe(keystonePlaintexts[i]);
      if ('plaintext_hex' in keystoneReadsOurs[i])
        expect(keystoneReadsOurs[i].plaintext_hex).toBe(keystonePlaintexts[i]);
    });
  });

  it('whole tokens are byte-identical given the same key, time and IV', () => {
    const [primary] = loadFernetKeys(ourRepo);
    const token = ourTokens[4];
    const bytes = Buffer.from(token, 'base64url');
    const timestamp = Number(bytes.readBigUInt64BE(1));
    const iv = bytes.subarray(9, 25).toString('hex');
    expect(keystoneSeal(keyText(primary), keystonePlaintexts[4], timestamp, iv)).toBe(token);
  });
});

describe('rotation across implementations', () => {
  it('keeps validating tokens from the previous primary, whichever side rotates', () => {
    const repo = join(scratch, 'rotation');
    const spec = keystoneSpecFor(FERNET_CASES[4].payload);
    const repository = { repo, methods: KEYSTONE_METHODS, max_active_keys: 3 };
    const [
      ,
      {
        tokens: [beforeRotation],
      },
    ] = keystoneBatch([oracleRequest.keys('setup_keys', repository), oracleRequest.issue(repository, [spec])]);

    rotateFernetKeys(repo, { maxActiveKeys: 3 });
    const provider = new FernetTokenProvider({ keyRepository: repo, methods: KEYSTONE_METHODS });
    expect(provider.decode(beforeRotation).userId).toBe(spec.user_id);
    const ourAfterRotation = provider.issue(FERNET_CASES[4].payload);

    const [, validated] = keystoneBatch([
      oracleRequest.keys('rotate_keys', repository),
      oracleRequest.validate(repository, [ourAfterRotation, beforeRotation]),
    ]);
    const [ofOurs, ofKeystones] = validated.results;
    expect(decodedFromKeystone(ofOurs).userId).toBe(spec.user_id);
    // With max_active_keys 3 the key that sealed the first token has now been purged, on both sides.
    expect(ofKeystones).toMatchObject({ error: 'ValidationError' });
    expect(() => provider.decode(beforeRotation)).toThrow(TokenInvalidError);
    expect(provider.decode(ourAfterRotation).userId).toBe(spec.user_id);
  });
});

describe('tokens we do not support', () => {
  it('rejects Keystone federated payloads as unrecognized versions, and reads its OAuth1 ones', () => {
    const repo = join(scratch, 'unsupported');
    const repository = { repo, methods: KEYSTONE_METHODS };
    const base = {
      user_id: 'a'.repeat(32),
      methods: ['mapped'],
      expires_at: '2026-07-17T13:00:00Z',
      audit_ids: ['q0lOYZmeQ8ukk0x0bhCDVg'],
    };
    const federated: KeystoneTokenSpec = {
      version: 4,
      ...base,
      federated_group_ids: [{ id: 'b'.repeat(32) }],
      identity_provider_id: 'idp',
      protocol_id: 'saml2',
    };
    const oauth1: KeystoneTokenSpec = {
      version: 7,
      ...base,
      methods: ['oauth1'],
      project_id: 'c'.repeat(32),
      access_token_id: 'd'.repeat(32),
    };
    const [, { tokens }] = keystoneBatch([
      oracleRequest.keys('setup_keys', repository),
      oracleRequest.issue(repository, [federated, oauth1]),
    ]);
    const provider = new FernetTokenProvider({ keyRepository: repo, methods: KEYSTONE_METHODS });
    expect(() => provider.decode(tokens[0])).toThrow(
      expect.objectContaining({ reason: 'malformed', detail: 'This is not a recognized Fernet payload version: 4' }),
    );
    expect(provider.decode(tokens[1])).toMatchObject({
      userId: 'a'.repeat(32),
      methods: ['oauth1'],
      scope: { kind: 'oauth1', projectId: 'c'.repeat(32), accessTokenId: 'd'.repeat(32) },
    });
  });

  it('keeps non-canonical UUID-looking ids verbatim where Keystone would lowercase them', () => {
    const repo = join(scratch, 'uppercase');
    setupFernetKeys(repo, { maxActiveKeys: 3 });
    const payload = { ...FERNET_CASES[4].payload, userId: '8A5C3A1B4D0E4F6A9B7C2D1E0F3A4B5C' };
    const token = new FernetTokenProvider({ keyRepository: repo, methods: KEYSTONE_METHODS }).issue(payload);
    const [keystoneView] = keystoneValidate({ repo, methods: KEYSTONE_METHODS }, [token]);
    expect(decodedFromKeystone(keystoneView).userId).toBe(payload.userId);
  });
});
