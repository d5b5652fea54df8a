/**
 * Storage-port conformance for the OS-EP-FILTER and domain-config drivers, over SQLite, PostgreSQL and MariaDB: JSON values
 * returned exactly as stored, duplicates as ConflictError (409), deletes that report whether anything was there,
 * clean-up by project/endpoint/group, and one order on every database.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.ts';
import { useSqlStore } from '../helpers/sql-store-suite.ts';

const hex = () => randomBytes(16).toString('hex');

async function expectConflict(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a ConflictError').toBeInstanceOf(ConflictError);
}

describe.each(['sqlite', 'postgres', 'mysql'] as const)(
  'endpoint filter and domain config storage (%s)',
  (database) => {
    const store = useSqlStore(database);

    describe('endpointFilter', () => {
      it('endpoint ↔ project: add, conflict, has, list both ways, remove reports presence', async () => {
        const [e1, e2, p1, p2] = [hex(), hex(), hex(), hex()];
        const f = store.endpointFilter;
        await f.addEndpointToProject(e1, p1);
        await f.addEndpointToProject(e2, p1);
        await f.addEndpointToProject(e1, p2);
        await expectConflict(f.addEndpointToProject(e1, p1));
        expect(await f.hasEndpointInProject(e1, p1)).toBe(true);
        expect(await f.hasEndpointInProject(e2, p2)).toBe(false);
        expect(await f.listEndpointIdsForProject(p1)).toEqual([e1, e2].sort());
        expect(await f.listProjectIdsForEndpoint(e1)).toEqual([p1, p2].sort());
        expect(await f.removeEndpointFromProject(e2, p1)).toBe(true);
        expect(await f.removeEndpointFromProject(e2, p1)).toBe(false);
        await f.deleteForEndpoint(e1);
        expect(await f.listProjectIdsForEndpoint(e1)).toEqual([]);
        expect(await f.listEndpointIdsForProject(p1)).toEqual([]);
      });

      it('endpoint groups: JSON filters round-trip, null description, partial update, list by name and ids', async () => {
        const f = store.endpointFilter;
        const g = {
          id: hex(),
          name: `eg-${hex()}`,
          description: null,
          filters: { service_id: hex(), interface: 'public' },
        };
        await f.createEndpointGroup(g);
        await expectConflict(f.createEndpointGroup(g));
        expect(await f.getEndpointGroup(g.id)).toEqual(g);
        expect(await f.listEndpointGroups({ name: g.name })).toEqual([g]);
        expect(await f.listEndpointGroups({ ids: [g.id, hex()] })).toEqual([g]);
        expect(await f.listEndpointGroups({ ids: [] })).toEqual([]);
        await f.updateEndpointGroup(g.id, { description: 'déscription ✓', filters: {} });
        expect(await f.getEndpointGroup(g.id)).toEqual({ ...g, description: 'déscription ✓', filters: {} });
        await f.updateEndpointGroup(g.id, {});
        expect(await f.getEndpointGroup(hex())).toBeUndefined();
      });

      it('endpoint group ↔ project, and deleting a group or project removes its associations', async () => {
        const f = store.endpointFilter;
        const [g1, g2] = [hex(), hex()];
        for (const id of [g1, g2])
          await f.createEndpointGroup({ id, name: 'g', description: null, filters: { interface: 'admin' } });
        const [p1, p2] = [hex(), hex()];
        await f.addEndpointGroupToProject(g1, p1);
        await f.addEndpointGroupToProject(g2, p1);
        await f.addEndpointGroupToProject(g1, p2);
        await expectConflict(f.addEndpointGroupToProject(g1, p1));
        expect(await f.hasEndpointGroupInProject(g1, p1)).toBe(true);
        expect(await f.listEndpointGroupIdsForProject(p1)).toEqual([g1, g2].sort());
        expect(await f.listProjectIdsForEndpointGroup(g1)).toEqual([p1, p2].sort());
        await f.deleteEndpointGroup(g1);
        expect(await f.getEndpointGroup(g1)).toBeUndefined();
        expect(await f.listEndpointGroupIdsForProject(p1)).toEqual([g2]);
        expect(await f.listEndpointGroupIdsForProject(p2)).toEqual([]);
        const e = hex();
        await f.addEndpointToProject(e, p1);
        await f.deleteForProject(p1);
        expect(await f.listEndpointGroupIdsForProject(p1)).toEqual([]);
        expect(await f.listEndpointIdsForProject(p1)).toEqual([]);
        expect(await f.removeEndpointGroupFromProject(g2, p1)).toBe(false);
      });
    });

    describe('domainConfig', () => {
      it('upserts, lists in one order with typed JSON values, filters by group/option/sensitivity, deletes', async () => {
        const c = store.domainConfig;
        const d = hex();
        await c.upsertOptions(d, [
          { group: 'ldap', option: 'user_tree_dn', value: 'ou=x', sensitive: false },
          { group: 'ldap', option: 'url', value: 'ldap://a', sensitive: false },
          { group: 'ldap', option: 'password', value: 's3cr3t', sensitive: true },
          { group: 'identity', option: 'list_limit', value: 7, sensitive: false },
          { group: 'ldap', option: 'user_attribute_ignore', value: ['a', null, { b: true }], sensitive: false },
        ]);
        await c.upsertOptions(d, [{ group: 'ldap', option: 'url', value: 'ldap://b', sensitive: false }]);
        expect((await c.listOptions(d)).map((o) => `${o.group}.${o.option}`)).toEqual([
          'identity.list_limit',
          'ldap.password',
          'ldap.url',
          'ldap.user_attribute_ignore',
          'ldap.user_tree_dn',
        ]);
        expect(await c.listOptions(d, { group: 'identity' })).toEqual([
          { group: 'identity', option: 'list_limit', value: 7, sensitive: false },
        ]);
        expect(await c.listOptions(d, { group: 'ldap', option: 'url' })).toEqual([
          { group: 'ldap', option: 'url', value: 'ldap://b', sensitive: false },
        ]);
        expect((await c.listOptions(d, { sensitive: true })).map((o) => o.option)).toEqual(['password']);
        expect((await c.listOptions(d, { group: 'ldap', sensitive: false })).map((o) => o.option)).toEqual([
          'url',
          'user_attribute_ignore',
          'user_tree_dn',
        ]);
        expect((await c.listOptions(d, { option: 'user_attribute_ignore' }))[0]!.value).toEqual([
          'a',
          null,
          { b: true },
        ]);
        expect(await c.listOptions(hex())).toEqual([]);
        await c.deleteOptions(d, { group: 'ldap', option: 'url' });
        expect(await c.listOptions(d, { option: 'url' })).toEqual([]);
        await c.deleteOptions(d, { group: 'ldap' });
        expect((await c.listOptions(d)).map((o) => o.group)).toEqual(['identity']);
        await c.deleteOptions(d);
        expect(await c.listOptions(d)).toEqual([]);
      });

      it('rolls back with the transaction', async () => {
        const d = hex();
        await expect(
          store.transaction(async (s) => {
            await s.domainConfig.upsertOptions(d, [
              { group: 'identity', option: 'driver', value: 'ldap', sensitive: false },
            ]);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.domainConfig.listOptions(d)).toEqual([]);
      });
    });
  },
);
