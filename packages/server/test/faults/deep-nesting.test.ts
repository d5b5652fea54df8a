/**
 * Deep nesting (issue #7): a 12 KB body nesting ~4000 arrays in a free-form attribute used to crash the
 * response serialiser (500). JSON bodies nested deeper than MAX_JSON_NESTING_DEPTH are refused at parse
 * time with 400 and a Keystone error body; the limit counts only real structure, not brackets in strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_NESTING_DEPTH } from '../../src/http/plugins/json-body-parser.ts';
import { ApiClient, expectKeystoneError } from '../api/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('deep nesting', () => {
  let server: TestServer;
  let api: ApiClient;
  let member: { user: { id: string }; token: string };

  beforeAll(async () => {
    server = await startTestServer();
    api = new ApiClient(server);
    const project = await api.createProject();
    member = await api.userWithRole('member', project.id);
  });

  afterAll(async () => {
    await server?.close();
  });

  const postCredential = (details: string) =>
    api.request('POST', '/credentials', {
      token: member.token,
      headers: { 'Content-Type': 'application/json' },
      rawBody: `{"credential": {"type": "totp", "user_id": "${member.user.id}", "blob": "seed", "details": ${details}}}`,
    });

  it('4000 nested arrays in a credential attribute, sent by an ordinary user → 400, not 500', async () => {
    const res = await postCredential(nestedArrays(4000));
    expectKeystoneError(res, 400);
    expect(res.body.error.message).toMatch(/nested/);
  });

  it('4000 nested objects → 400; the server still answers afterwards', async () => {
    expectKeystoneError(await postCredential(nestedObjects(4000)), 400);
    expect((await api.get('/', undefined)).status).toBe(200);
  });

  it('nesting up to the limit is accepted and returned as sent', async () => {
    // The body itself adds two levels ({"credential": {…}}).
    const extra = nestedArrays(MAX_JSON_NESTING_DEPTH - 2);
    const res = await postCredential(extra);
    expect(res.status, res.text).toBe(201);
    expect(JSON.stringify(res.body.credential.details)).toBe(extra);
    expectKeystoneError(await postCredential(nestedArrays(MAX_JSON_NESTING_DEPTH - 1)), 400);
  });

  it('brackets inside strings (also after escaped quotes) do not count as nesting', async () => {
    const extra = JSON.stringify({ text: `\\"${'['.repeat(5000)}`, more: '{'.repeat(5000) });
    const res = await postCredential(extra);
    expect(res.status, res.text).toBe(201);
    expect(res.body.credential.details).toEqual(JSON.parse(extra));
  });

  it('still answers malformed JSON with 400', async () => {
    expectKeystoneError(
      await api.request('POST', '/credentials', {
        token: member.token,
        headers: { 'Content-Type': 'application/json' },
        rawBody: '{"credential": [[[',
      }),
      400,
    );
  });
});
