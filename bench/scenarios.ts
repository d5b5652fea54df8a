// The load scenarios; each is one request repeated by every connection.
import { passwordAuthBody, type Credentials } from './keystone.ts';

export interface ScenarioContext {
  creds: Credentials;
  /** admin token used as X-Auth-Token */
  adminToken: string;
  /** a second admin token, the one being validated */
  subjectToken: string;
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
