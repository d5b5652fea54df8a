import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startApiTarget, type ApiTarget } from './api-client.ts';

/** limit/marker pagination with links.next, and [DEFAULT] list_limit truncation. */
describe('list pagination', () => {
  let target: ApiTarget;
  let api: ApiClient;

  beforeAll(async () => {
    target = await startApiTarget('sqlite', { DEFAULT: { list_limit: '3' } });
    api = new ApiClient(target);
    for (let i = 0; i < 5; i += 1) await api.createProject();
  });
  afterAll(() => target.close());

  it('walks every project exactly once by following links.next', async () => {
    const token = await api.adminToken();
    const seen: string[] = [];
    let next: string | null = `${api.url('/projects')}?limit=2`;
    let pages = 0;
    while (next) {
      const res: { status: number; body: any } = await api.get(next, token);
      expect(res.status).toBe(200);
      expect(res.body.projects.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.projects.map((p: { id: string }) => p.id));
      next = res.body.links.next;
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(6); // admin + 5
  });

  it('truncates an unpaginated list at list_limit and says so', async () => {
    const res = await api.get('/projects', await api.adminToken());
    expect(res.body.projects).toHaveLength(3);
    expect(res.body.truncated).toBe(true);
  });

  it('rejects a bad limit with 400', async () => {
    const res = await api.get('/projects?limit=zero', await api.adminToken());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(400);
  });
});
