/*
 * Hand-written on purpose: Keystone's Fernet payload layouts (token_formatters.py) exist in no npm library.
 * Checked against Keystone itself by test/interop/fernet-interop.test.ts and the recorded vectors of
 * test/unit/fernet-vectors.test.ts.
 */
import { decode as decodeMsgpack } from '@msgpack/msgpack';
import { TokenInvalidError } from '../../../errors.ts';
import type { TokenPayload, TokenScope } from '../../token-payload.ts';
import { AuthMethodBitmask } from './auth-method-bitmask.ts';
import { expiryToFloatSeconds, floatSecondsToExpiry } from './expiry-seconds.ts';
import { decodeText, isUuidHex, packId, unpackId, uuidBytesToHex, uuidHexToBytes } from './packed-id.ts';
import { packLikePython, PyFloat, type PyValue } from './python-msgpack.ts';

/**
 * Keystone's Fernet plaintext: `msgpack.packb((version,) + payload_tuple)`
 * (keystone/token/token_formatters.py). Version numbers are Keystone's; the
 * federated (4, 5, 6) and OAuth2 (10) payloads have no TokenScope here and are
 * rejected like an unknown version.
 */
const FERNET_PAYLOAD_VERSION = {
  unscoped: 0,
  domain: 1,
  project: 2,
  trust: 3,
  oauth1: 7,
  system: 8,
  application_credential: 9,
} as const satisfies Record<TokenScope['kind'], number>;

export interface FernetPayloadCodecOptions {
  /** `[auth] methods`, in order: bit i of the methods mask is entry i. */
  methods: readonly string[];
  /** `[identity] default_domain_id`: the one non-UUID domain id a domain-scoped token may carry. */
  defaultDomainId?: string;
}

/** Audit ids are 16 bytes in URL-safe base64 without padding; the last char must carry no stray bits. */
const AUDIT_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;

export class FernetPayloadCodec {
  private readonly methodBits: AuthMethodBitmask;
  private readonly defaultDomainId: string;

  constructor(options: FernetPayloadCodecOptions) {
    this.methodBits = new AuthMethodBitmask(options.methods);
    this.defaultDomainId = options.defaultDomainId ?? 'default';
  }

  /** Throws TypeError/RangeError for payloads Keystone could not represent either. */
  encode(payload: TokenPayload): Uint8Array {
    const user = packId(payload.userId);
    const methods = this.methodBits.encode(payload.methods);
    const expiresAt = new PyFloat(expiryToFloatSeconds(validDate(payload.expiresAt)));
    const auditIds = payload.auditIds.map(auditIdToBytes);
    const { scope } = payload;
    const version = FERNET_PAYLOAD_VERSION[scope.kind];
    let fields: PyValue[];
    switch (scope.kind) {
      case 'unscoped':
        fields = [user, methods, expiresAt, auditIds];
        break;
      case 'domain':
        fields = [user, methods, this.packDomainId(scope.domainId), expiresAt, auditIds];
        break;
      case 'project':
        fields = [user, methods, packId(scope.projectId), expiresAt, auditIds];
        break;
      case 'trust':
        // Keystone packs the trust id bare, so it has to be a UUID.
        fields = [user, methods, packId(scope.projectId), expiresAt, auditIds, uuidHexToBytes(scope.trustId)];
        break;
      case 'oauth1':
        // Keystone's OauthScopedPayload puts the access token id before the expiry.
        fields = [user, methods, packId(scope.projectId), packId(scope.accessTokenId), expiresAt, auditIds];
        break;
      case 'system':
        fields = [user, methods, scope.system, expiresAt, auditIds];
        break;
      case 'application_credential':
        fields = [user, methods, packId(scope.projectId), expiresAt, auditIds, packId(scope.applicationCredentialId)];
        break;
    }
    return packLikePython([version, ...fields]);
  }

  /** Throws a malformed TokenInvalidError for anything that is not a payload we issue. */
  decode(plaintext: Uint8Array): TokenPayload {
    const decoded = decodePlaintext(plaintext);
    const [version, ...fields] = decoded;
    const fieldCount = FIELD_COUNT.get(version as number);
    if (fieldCount === undefined) {
      throw TokenInvalidError.malformed(`This is not a recognized Fernet payload version: ${String(version)}`);
    }
    if (fields.length !== fieldCount) throw malformed();
    const userId = required(unpackId(fields[0]));
    const methods = required(this.methodBits.decode(fields[1] as number));
    switch (version) {
      case FERNET_PAYLOAD_VERSION.unscoped:
        return this.assemble(userId, methods, { kind: 'unscoped' }, fields[2], fields[3]);
      case FERNET_PAYLOAD_VERSION.domain:
        return this.assemble(
          userId,
          methods,
          { kind: 'domain', domainId: this.unpackDomainId(fields[2]) },
          fields[3],
          fields[4],
        );
      case FERNET_PAYLOAD_VERSION.project:
        return this.assemble(
          userId,
          methods,
          { kind: 'project', projectId: required(unpackId(fields[2])) },
          fields[3],
          fields[4],
        );
      case FERNET_PAYLOAD_VERSION.trust: {
        const scope: TokenScope = {
          kind: 'trust',
          projectId: required(unpackId(fields[2])),
          trustId: required(uuidBytesToHex(fields[5])),
        };
        return this.assemble(userId, methods, scope, fields[3], fields[4]);
      }
      case FERNET_PAYLOAD_VERSION.oauth1: {
        const scope: TokenScope = {
          kind: 'oauth1',
          projectId: required(unpackId(fields[2])),
          accessTokenId: required(unpackId(fields[3])),
        };
        return this.assemble(userId, methods, scope, fields[4], fields[5]);
      }
      case FERNET_PAYLOAD_VERSION.system:
        if (decodeText(fields[2]) !== 'all') throw malformed();
        return this.assemble(userId, methods, { kind: 'system', system: 'all' }, fields[3], fields[4]);
      default: {
        const scope: TokenScope = {
          kind: 'application_credential',
          projectId: required(unpackId(fields[2])),
          applicationCredentialId: required(unpackId(fields[5])),
        };
        return this.assemble(userId, methods, scope, fields[3], fields[4]);
      }
    }
  }

  private assemble(
    userId: string,
    methods: string[],
    scope: TokenScope,
    expiresAt: unknown,
    auditIds: unknown,
  ): TokenPayload {
    return {
      userId,
      methods,
      scope,
      expiresAt: required(floatSecondsToExpiry(expiresAt)),
      auditIds: unpackAuditIds(auditIds),
    };
  }

  /** Keystone packs the domain id of a v1 payload bare: 16 bytes, or the default domain's id as a string. */
  private packDomainId(domainId: string): PyValue {
    if (isUuidHex(domainId)) return uuidHexToBytes(domainId);
    if (domainId === this.defaultDomainId) return domainId;
    throw new TypeError(`Domain id "${domainId}" is neither a UUID nor the default domain id`);
  }

  private unpackDomainId(value: unknown): string {
    const uuid = uuidBytesToHex(value);
    if (uuid !== undefined) return uuid;
    if (decodeText(value) === this.defaultDomainId) return this.defaultDomainId;
    throw malformed();
  }
}

/** Fields after the version byte, per supported version. */
const FIELD_COUNT: ReadonlyMap<number, number> = new Map([
  [FERNET_PAYLOAD_VERSION.unscoped, 4],
  [FERNET_PAYLOAD_VERSION.domain, 5],
  [FERNET_PAYLOAD_VERSION.project, 5],
  [FERNET_PAYLOAD_VERSION.trust, 6],
  [FERNET_PAYLOAD_VERSION.oauth1, 6],
  [FERNET_PAYLOAD_VERSION.system, 5],
  [FERNET_PAYLOAD_VERSION.application_credential, 6],
]);

function decodePlaintext(plaintext: Uint8Array): unknown[] {
  let decoded: unknown;
  try {
    decoded = decodeMsgpack(plaintext);
  } catch {
    throw malformed();
  }
  if (!Array.isArray(decoded) || decoded.length === 0) throw malformed();
  return decoded;
}

function auditIdToBytes(auditId: string): Uint8Array {
  if (!AUDIT_ID.test(auditId)) throw new TypeError(`Not an audit id (22 chars of URL-safe base64): "${auditId}"`);
  return Buffer.from(auditId, 'base64url');
}

function unpackAuditIds(value: unknown): string[] {
  if (!Array.isArray(value)) throw malformed();
  return value.map((auditId: unknown) => {
    if (!(auditId instanceof Uint8Array)) throw malformed();
    return Buffer.from(auditId).toString('base64url');
  });
}

function validDate(date: Date): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError('expiresAt must be a valid Date');
  return date;
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw malformed();
  return value;
}

function malformed(): TokenInvalidError {
  return TokenInvalidError.malformed('Could not recognize Fernet token payload');
}
