import type { FastifyInstance } from 'fastify';
import { PolicyCreate, PolicyUpdate } from '@xloud/identity-schemas';
import type { PolicyRecord } from '../../services/policy/policy-driver.ts';
import { collection } from '../render/resources.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';
import { splitExtra } from './extra.ts';

type Params = { policy_id: string };

/** `extra` is Keystone's column name: a client attribute called that is dropped there, and here. */
const MODELLED = ['id', 'blob', 'type', 'extra'];

function renderPolicy(p: PolicyRecord, v3: string): Record<string, unknown> {
  return { ...p.extra, id: p.id, blob: p.blob, type: p.type, links: { self: `${v3}/policies/${p.id}` } };
}

/** `/v3/policies`: policy blobs stored for other services (deprecated in Keystone since Queens, still served). */
export function policyRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  app.get('/policies', async (request) => {
    await kit.enforce(request, 'identity:list_policies');
    const q = request.query as Record<string, unknown>;
    const policies = await services.policies.list({ type: queryString(q.type) });
    const v3 = kit.v3Url(request);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return collection('policies', policies.map((p) => renderPolicy(p, v3)), `${v3}/policies${query}`);
  });

  app.post('/policies', { schema: { body: PolicyCreate } }, async (request, reply) => {
    await kit.enforce(request, 'identity:create_policy');
    const { policy: body } = request.body as PolicyCreate;
    const [, extra] = splitExtra(body, MODELLED);
    const policy = await services.policies.create({ blob: body.blob, type: body.type, extra });
    return created(reply, { policy: renderPolicy(policy, kit.v3Url(request)) });
  });

  app.get<{ Params: Params }>('/policies/:policy_id', async (request) => {
    await kit.enforce(request, 'identity:get_policy');
    return { policy: renderPolicy(await services.policies.get(request.params.policy_id), kit.v3Url(request)) };
  });

  app.patch<{ Params: Params }>('/policies/:policy_id', { schema: { body: PolicyUpdate } }, async (request) => {
    await kit.enforce(request, 'identity:update_policy');
    const { policy: body } = request.body as PolicyUpdate;
    const [, extra] = splitExtra(body, MODELLED);
    const id = (body as Record<string, unknown>).id;
    const policy = await services.policies.update(request.params.policy_id, {
      id: id === undefined ? undefined : String(id),
      blob: body.blob,
      type: body.type,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { policy: renderPolicy(policy, kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>('/policies/:policy_id', async (request, reply) => {
    await kit.enforce(request, 'identity:delete_policy');
    await services.policies.delete(request.params.policy_id);
    return noContent(reply);
  });
}
