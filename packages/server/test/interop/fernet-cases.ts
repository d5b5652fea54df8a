import type { DecodedToken, TokenPayload } from '../../src/token/token-payload.ts';

/** Payloads covering every supported Fernet version and each id/method encoding branch. */

export const KEYSTONE_METHODS = ['external', 'password', 'token', 'oauth1', 'mapped', 'application_credential'];

const USER = '8a5c3a1b4d0e4f6a9b7c2d1e0f3a4b5c';
const PROJECT = '1f2e3d4c5b6a47988796a5b4c3d2e1f0';
const DOMAIN = 'd0d1d2d3d4d5d6d7d8d9dadbdcdddedf';
const TRUST = '7e57ab1e00000000000000000000c0de';
const APP_CRED = 'a99c0ffee0000000000000000000beef';
const AUDIT = 'q0lOYZmeQ8ukk0x0bhCDVg';
const PARENT_AUDIT = 'Zm9vYmFyYmF6cXV4cXV1eA';
const EXPIRES = new Date('2026-07-17T13:00:00Z');

export interface FernetCase {
  name: string;
  version: number;
  payload: TokenPayload;
}

/** Methods are listed highest bit first, the order Keystone decodes them in. */
export const FERNET_CASES: FernetCase[] = [
  {
    name: 'unscoped, UUID user, password',
    version: 0,
    payload: {
      userId: USER,
      methods: ['password'],
      scope: { kind: 'unscoped' },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
  {
    name: 'unscoped, no methods, LDAP user id',
    version: 0,
    payload: {
      userId: 'cn=jdoe,ou=people',
      methods: [],
      scope: { kind: 'unscoped' },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
  {
    name: 'domain scoped, UUID domain',
    version: 1,
    payload: {
      userId: USER,
      methods: ['password'],
      scope: { kind: 'domain', domainId: DOMAIN },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
  {
    name: 'domain scoped, default domain packed bare',
    version: 1,
    payload: {
      userId: 'admin',
      methods: ['token', 'password'],
      scope: { kind: 'domain', domainId: 'default' },
      expiresAt: EXPIRES,
      auditIds: [AUDIT, PARENT_AUDIT],
    },
  },
  {
    name: 'project scoped, UUID ids',
    version: 2,
    payload: {
      userId: USER,
      methods: ['password'],
      scope: { kind: 'project', projectId: PROJECT },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
  {
    name: 'project scoped rescope, 64-char federated user id (str8), two audit ids',
    version: 2,
    payload: {
      userId: 'f'.repeat(16) + '0123456789abcdef'.repeat(3),
      methods: ['token', 'password', 'external'],
      scope: { kind: 'project', projectId: PROJECT },
      expiresAt: EXPIRES,
      auditIds: [AUDIT, PARENT_AUDIT],
    },
  },
  {
    name: 'project scoped, non-ASCII project id, EC2 pseudo method',
    version: 2,
    payload: {
      userId: USER,
      methods: ['ec2credential'],
      scope: { kind: 'project', projectId: 'projét-ü' },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
  {
    name: 'project scoped, sub-second expiry (Keystone truncates to the second)',
    version: 2,
    payload: {
      userId: USER,
      methods: ['password'],
      scope: { kind: 'project', projectId: PROJECT },
      expiresAt: new Date('2026-07-17T13:00:00.789Z'),
      auditIds: [AUDIT],
    },
  },
  {
    name: 'trust scoped',
    version: 3,
    payload: {
      userId: USER,
      methods: ['token'],
      scope: { kind: 'trust', projectId: PROJECT, trustId: TRUST },
      expiresAt: EXPIRES,
      auditIds: [AUDIT, PARENT_AUDIT],
    },
  },
  {
    name: 'oauth1 access token',
    version: 7,
    payload: {
      userId: USER,
      methods: ['oauth1'],
      scope: { kind: 'oauth1', projectId: PROJECT, accessTokenId: TRUST },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
  {
    name: 'system scoped',
    version: 8,
    payload: {
      userId: USER,
      methods: ['oauth2_credential', 'password'],
      scope: { kind: 'system', system: 'all' },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
  {
    name: 'application credential, UUID ids',
    version: 9,
    payload: {
      userId: USER,
      methods: ['application_credential'],
      scope: { kind: 'application_credential', projectId: PROJECT, applicationCredentialId: APP_CRED },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
  {
    name: 'application credential, string ids',
    version: 9,
    payload: {
      userId: 'svc-user',
      methods: ['application_credential'],
      scope: { kind: 'application_credential', projectId: 'ops', applicationCredentialId: 'my-app-cred' },
      expiresAt: EXPIRES,
      auditIds: [AUDIT],
    },
  },
];

/** What decoding must give back: Keystone drops sub-second expiry (isotime). */
export function expectedAfterRoundTrip(payload: TokenPayload, issuedAt: Date): DecodedToken {
  const wholeSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);
  return { ...payload, expiresAt: wholeSecond(payload.expiresAt), issuedAt: wholeSecond(issuedAt) };
}
