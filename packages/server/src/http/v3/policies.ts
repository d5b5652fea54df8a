import type { PolicyCreate, PolicyListQuery, PolicyParams, PolicyUpdate } from '@xloud/identity-schemas';
import type { PolicyRecord } from '../../services/policy/policy-driver.ts';
import { collection } from '../render/resources.ts';
import type { RouteHandler } from '../route-entry.ts';
import { queryString } from '../route-kit.ts';
import { extraToUpdate, splitExtra } from './extra.ts';
import { createOne, enforceThenRead, noContentAfter, showOne, updateOne } from './one-resource.ts';

/* `/v3/policies`: policy blobs stored for other services (deprecated in Keystone since Queens, still served). */

type OnePolicy = { params: typeof PolicyParams };

/** `extra` is Keystone's column name: a client attribute called that is dropped there, and here. */
const MODELLED = ['id', 'blob', 'type', 'extra'];

function renderPolicy(p: PolicyRecord, v3: string): Record<string, unknown> {
  return { ...p.extra, id: p.id, blob: p.blob, type: p.type, links: { self: `${v3}/policies/${p.id}` } };
}

export const listPolicies: RouteHandler<{ querystring: typeof PolicyListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const policies = await kit.services.policies.list({ type: queryString(request.query.type) });
  const v3 = kit.v3Url(request);
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  return collection(
    'policies',
    policies.map((p) => renderPolicy(p, v3)),
    `${v3}/policies${query}`,
  );
};

export const createPolicy: RouteHandler<{ body: typeof PolicyCreate }> = createOne(
  'policy',
  (services, { body: { policy: body } }) => {
    const [, extra] = splitExtra(body, MODELLED);
    return services.policies.create({ blob: body.blob, type: body.type, extra });
  },
  renderPolicy,
);

export const getPolicy: RouteHandler<OnePolicy> = showOne(
  'policy',
  enforceThenRead((services, params) => services.policies.get(params.policy_id)),
  renderPolicy,
);

export const updatePolicy: RouteHandler<OnePolicy & { body: typeof PolicyUpdate }> = updateOne(
  'policy',
  (services, { params, body: { policy: body } }) => {
    const id = (body as Record<string, unknown>).id;
    return services.policies.update(params.policy_id, {
      id: id === undefined ? undefined : String(id),
      blob: body.blob,
      type: body.type,
      extra: extraToUpdate(body, MODELLED),
    });
  },
  renderPolicy,
);

export const deletePolicy: RouteHandler<OnePolicy> = noContentAfter((services, params) =>
  services.policies.delete(params.policy_id),
);
