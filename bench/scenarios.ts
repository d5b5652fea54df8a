// The load scenarios; each is one request repeated by every connection. Mixed scenarios run several at once.
import {
  appCredentialAuthBody,
  passwordAuthBody,
  rescopeBody,
  type AppCredential,
  type Credentials,
} from './keystone.ts';

export interface ScenarioContext {
  creds: Credentials;
  /** admin token used as X-Auth-Token */
  adminToken: string;
  /** a second admin token, the one being validated */
  subjectToken: string;
  /** an unscoped admin token, re-scoped to the admin project by the re-scope scenario */
  unscopedToken: string;
  /** an application credential of the admin on the admin project */
  appCredential: AppCredential;
}

interface ScenarioRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** status every response must have */
  expect: number;
}

export interface Scenario {
  name: string;
  description: string;
  request(ctx: ScenarioContext): ScenarioRequest;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'token-issue',
    description: 'POST /v3/auth/tokens (password, project-scoped)',
    request: (ctx) => ({
      method: 'POST',
      path: '/v3/auth/tokens',
      headers: { 'content-type': 'application/json' },
      body: passwordAuthBody(ctx.creds),
      expect: 201,
    }),
  },
  {
    name: 'rescope',
    description: 'POST /v3/auth/tokens, token method: an unscoped token re-scoped to the project',
    request: (ctx) => ({
      method: 'POST',
      path: '/v3/auth/tokens',
      headers: { 'content-type': 'application/json' },
      body: rescopeBody(ctx.unscopedToken, ctx.creds),
      expect: 201,
    }),
  },
  {
    name: 'appcred-issue',
    description: 'POST /v3/auth/tokens, application_credential method (a generated secret)',
    request: (ctx) => ({
      method: 'POST',
      path: '/v3/auth/tokens',
      headers: { 'content-type': 'application/json' },
      body: appCredentialAuthBody(ctx.appCredential),
      expect: 201,
    }),
  },
  {
    name: 'validate',
    description: 'GET /v3/auth/tokens (X-Auth-Token + X-Subject-Token)',
    request: (ctx) => ({
      method: 'GET',
      path: '/v3/auth/tokens',
      headers: { 'x-auth-token': ctx.adminToken, 'x-subject-token': ctx.subjectToken },
      expect: 200,
    }),
  },
  {
    name: 'validate-nocatalog',
    description: 'GET /v3/auth/tokens?nocatalog',
    request: (ctx) => ({
      method: 'GET',
      path: '/v3/auth/tokens?nocatalog',
      headers: { 'x-auth-token': ctx.adminToken, 'x-subject-token': ctx.subjectToken },
      expect: 200,
    }),
  },
  {
    name: 'list-projects',
    description: 'GET /v3/projects (admin)',
    request: (ctx) => ({
      method: 'GET',
      path: '/v3/projects',
      headers: { 'x-auth-token': ctx.adminToken },
      expect: 200,
    }),
  },
];

const byName = (name: string): Scenario => {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return found;
};

/** One load of a mixed scenario: a scenario at its own connection count; `tolerate`: statuses that are not failures. */
interface MixedPart {
  label: string;
  scenario: Scenario;
  connections: number;
  tolerate?: number[];
}

/** Several scenarios fired together for the same duration; --connections does not apply. */
export interface MixedScenario {
  name: string;
  description: string;
  parts: MixedPart[];
}

export const MIXED_SCENARIOS: MixedScenario[] = [
  {
    name: 'mixed-login-validate',
    description:
      'password logins (c=16) and token validations (c=16) at once: does hashing starve validation? ' +
      '503 + Retry-After for logins is a refusal by the hashing gate, not a failure',
    parts: [
      { label: 'login', scenario: byName('token-issue'), connections: 16, tolerate: [503] },
      { label: 'validate', scenario: byName('validate'), connections: 16 },
    ],
  },
];
