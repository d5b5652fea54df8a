import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AccessInfo,
  AmbiguousError,
  paginate,
  ConflictError,
  errorFromResponse,
  ForbiddenError,
  HttpError,
  IdentityClient,
  InvalidResponseError,
  isXloudError,
  NotFoundError,
  PasswordAuth,
  ServerError,
  Session,
  StaticTokenAuth,
  TokenAuth,
  UnauthorizedError,
  ValidationError,
  XloudError,
  type AnyXloudError,
} from '../src/index.ts';
import { adminSession, startServer, unique, type TestServer } from './helpers.ts';

let server: TestServer;
let identity: IdentityClient;

beforeAll(async () => {
  server = await startServer();
  identity = new IdentityClient(adminSession(server));
});
afterAll(async () => {
  await server?.close();
});

async function failure(p: Promise<unknown>): Promise<AnyXloudError> {
  const e = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err,
  );
  expect(isXloudError(e)).toBe(true);
  return e as AnyXloudError;
}

describe('HTTP errors from the real server', () => {
  test('404 → ERR_NOT_FOUND with Keystone’s message', async () => {
    const e = await failure(identity.projects.get('does-not-exist'));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.code).toBe('ERR_NOT_FOUND');
    if (e.code !== 'ERR_NOT_FOUND') throw e;
    expect(e.status).toBe(404);
    expect(e.title).toBe('Not Found');
    expect(e.keystoneMessage).toBe('Could not find project: does-not-exist.');
    expect(e.requestId).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(e.message).toBe(`Could not find project: does-not-exist. (HTTP 404) (Request-ID: ${e.requestId})`);
    expect(e.method).toBe('GET');
    expect(e.url).toBe(`${server.baseUrl}/v3/projects/does-not-exist`);
  });

  test('409 → ERR_CONFLICT', async () => {
    const name = unique('dup');
    await identity.domains.create({ name });
    const e = await failure(identity.domains.create({ name }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.code).toBe('ERR_CONFLICT');
  });

  test('400 → ERR_VALIDATION naming the field', async () => {
    const e = await failure(identity.projects.create({ name: '' }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).keystoneMessage).toMatch(/name/);
  });

  test('403 → ERR_FORBIDDEN for a user without the role', async () => {
    const project = await identity.projects.create({ name: unique('fp') });
    const user = await identity.users.create({ name: unique('fu'), password: 'Passw0rd-x' });
    await identity.roles.grant({ role: 'member', user: user.id, project: project.id });
    const asMember = new IdentityClient(
      new Session({
        auth: new PasswordAuth({
          authUrl: server.baseUrl,
          userId: user.id,
          password: 'Passw0rd-x',
          scope: { project: { id: project.id } },
        }),
      }),
    );
    const e = await failure(asMember.users.create({ name: unique('nope') }));
    expect(e).toBeInstanceOf(ForbiddenError);
    expect(e.code).toBe('ERR_FORBIDDEN');
  });

  test('401 → ERR_UNAUTHORIZED', async () => {
    const e = await failure(
      new Session({ auth: new StaticTokenAuth({ endpoint: server.baseUrl, token: 'bogus' }) }).request('/projects'),
    );
    expect(e).toBeInstanceOf(UnauthorizedError);
    expect((e as UnauthorizedError).status).toBe(401);
  });

  test('exchanging an unknown or revoked token is a failed login (ERR_UNAUTHORIZED), not a 404', async () => {
    const e = await failure(
      new Session({
        auth: new TokenAuth({ authUrl: `${server.baseUrl}/v3`, token: 'gAAAAAB-not-a-token' }),
      }).getToken(),
    );
    expect(e).toBeInstanceOf(UnauthorizedError);
    expect((e as UnauthorizedError).status).toBe(404);
  });

  test('find() matching several names → ERR_AMBIGUOUS', async () => {
    const name = unique('twin');
    const d1 = await identity.domains.create({ name: unique('d1') });
    const d2 = await identity.domains.create({ name: unique('d2') });
    await identity.users.create({ name, domain_id: d1.id });
    await identity.users.create({ name, domain_id: d2.id });
    const e = await failure(identity.users.find(name));
    expect(e).toBeInstanceOf(AmbiguousError);
    expect(e.message).toBe(`More than one user exists with the name '${name}'.`);
    expect((await identity.users.find(name, { domain_id: d2.id })).domain_id).toBe(d2.id);
  });

  test('errors can be switched on by code', async () => {
    const e = await failure(identity.groups.get('missing'));
    const describe = (err: AnyXloudError): string => {
      switch (err.code) {
        case 'ERR_NOT_FOUND':
          return `missing:${err.status}`;
        case 'ERR_CONFIG':
          return `config:${err.missing?.join()}`;
        default:
          return err.code;
      }
    };
    expect(describe(e)).toBe('missing:404');
    expect(e).toBeInstanceOf(XloudError);
  });
});

describe('errors from other answers', () => {
  let fake: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    const srv = createServer((req, res) => {
      const status = Number(req.url!.split('/')[2]);
      if (req.url!.startsWith('/status/')) {
        const body =
          status === 502
            ? '<html><body><h1>502 Bad Gateway</h1></body></html>'
            : JSON.stringify({ error: { code: status, title: 'Custom', message: `boom ${status}` } });
        res.writeHead(status, { 'Content-Type': 'text/html', 'x-openstack-request-id': 'req-1234' }).end(body);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('not json');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    fake = { url, close: () => new Promise<void>((r) => srv.close(() => r())) };
  });
  afterAll(async () => {
    await fake?.close();
  });

  const session = () => new Session({ auth: new StaticTokenAuth({ endpoint: 'http://unused/v3', token: 't' }) });

  test('request id is carried and shown like openstackclient', async () => {
    const e = await failure(session().request(`${fake.url}/status/500`, { authenticated: false }));
    expect(e).toBeInstanceOf(ServerError);
    expect(e.code).toBe('ERR_SERVER');
    expect(e.message).toBe('boom 500 (HTTP 500) (Request-ID: req-1234)');
    expect((e as ServerError).requestId).toBe('req-1234');
    expect((e as ServerError).title).toBe('Custom');
  });

  test('a proxy’s HTML 502 becomes a short one-line message', async () => {
    const e = await failure(session().request(`${fake.url}/status/502`, { authenticated: false }));
    expect(e.message).toBe('502 Bad Gateway (HTTP 502) (Request-ID: req-1234)');
  });

  test('other 4xx → ERR_HTTP; 413 → ERR_VALIDATION', async () => {
    expect(await failure(session().request(`${fake.url}/status/429`, { authenticated: false }))).toBeInstanceOf(
      HttpError,
    );
    expect(await failure(session().request(`${fake.url}/status/413`, { authenticated: false }))).toBeInstanceOf(
      ValidationError,
    );
  });

  test('a non-JSON success → ERR_INVALID_RESPONSE', async () => {
    const e = await failure(session().request(`${fake.url}/ok`, { authenticated: false }));
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e.code).toBe('ERR_INVALID_RESPONSE');
  });

  test('links.next pointing at another host is followed on our endpoint (only the query moves)', async () => {
    const pages: string[] = [];
    const srv = createServer((req, res) => {
      pages.push(req.url!);
      const marker = new URL(req.url!, 'http://x').searchParams.get('marker');
      const body = marker
        ? { things: [{ id: 'b' }], links: { self: 'http://public.example/v3/things', next: null } }
        : {
            things: [{ id: 'a' }],
            links: {
              self: 'http://public.example/v3/things',
              next: 'http://public.example:5000/v3/things?limit=1&marker=a',
            },
          };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/v3`;
    try {
      const stub = {
        authType: 'stub',
        canReauthenticate: false,
        getIdentityUrl: async () => base,
        authenticate: async () =>
          new AccessInfo('t', {
            methods: ['token'],
            user: { id: 'u', name: 'u', domain: { id: 'default' } },
            audit_ids: [],
            expires_at: '2999-01-01T00:00:00Z',
            issued_at: '2000-01-01T00:00:00Z',
          }),
      };
      const items: Array<{ id: string }> = [];
      for await (const item of paginate<{ id: string }>(new Session({ auth: stub }), '/things', 'things', { limit: 1 }))
        items.push(item);
      expect(items.map((i) => i.id)).toEqual(['a', 'b']);
      expect(pages).toEqual(['/v3/things?limit=1', '/v3/things?limit=1&marker=a']);
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  test('errorFromResponse without a body uses the reason phrase', () => {
    const e = errorFromResponse({ status: 503 });
    expect(e.message).toBe('Service Unavailable (HTTP 503)');
    expect(e.code).toBe('ERR_SERVER');
  });
});
