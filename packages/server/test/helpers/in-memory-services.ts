import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClock } from '@xloud/test-kit';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer, type Container, type Services } from '../../src/container.ts';
import { bootstrap } from '../../src/manage/bootstrap.ts';
import { ensureFernetKeys } from '../../src/manage/first-run.ts';
import type { RoleRecord } from '../../src/services/assignment/assignment-driver.ts';
import type { UserRecord } from '../../src/services/identity/identity-driver.ts';
import type { ProjectRecord } from '../../src/services/resource/resource-driver.ts';

/**
 * A fixed start, in the past of the wall clock: revokeByUserId and password changes wait for the wall clock to
 * leave the event's second (outlastRevocationSecond reads Date.now()), which is then never the case.
 */
const START = new Date('2026-01-15T10:00:00.000Z');

export const ADMIN_PASSWORD = 'admin-password';

/** What bootstrap leaves: the default domain, the admin user and project, admin ⊃ manager ⊃ member ⊃ reader. */
interface Seed {
  domainId: string;
  adminUserId: string;
  adminProjectId: string;
  roles: Record<'admin' | 'manager' | 'member' | 'reader' | 'service', RoleRecord>;
}

export interface InMemoryServices {
  services: Services;
  container: Container;
  clock: TestClock;
  seed: Seed;
  /** A user with a password, in the default domain unless told. */
  createUser(name: string, options?: { password?: string; domainId?: string }): Promise<UserRecord>;
  /** A project in the default domain unless told (parentId makes it a child project). */
  createProject(name: string, options?: { domainId?: string; parentId?: string }): Promise<ProjectRecord>;
  /** A direct (not inherited) user role on a project. */
  grantOnProject(userId: string, projectId: string, roleId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real service container (no HTTP) on an in-memory SQLite database, Fernet keys in a temporary directory and a
 * TestClock, bootstrapped. `config` sets options as a configuration file would ({ section: { option: value } }).
 */
export async function startInMemoryServices(
  config: Record<string, Record<string, string>> = {},
): Promise<InMemoryServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xloud-services-'));
  const conf = loadConfig({
    dataDir,
    env: {},
    overrides: {
      ...config,
      database: { connection: 'sqlite://', ...config.database },
      // Cheap hashing keeps these tests fast; the hashing itself is tested at full cost elsewhere.
      identity: { password_hash_rounds: '4', ...config.identity },
    },
  });
  ensureFernetKeys(conf);
  const clock = new TestClock(START);
  const container = await buildContainer(conf, { migrate: true, clock });
  const services = container.services;
  const admin = await bootstrap(container, { password: ADMIN_PASSWORD });
  const role = async (name: string) => (await services.roles.findRoleByName(name))!;
  const seed: Seed = {
    domainId: services.defaultDomainId,
    adminUserId: admin.userId,
    adminProjectId: admin.projectId,
    roles: {
      admin: await role('admin'),
      manager: await role('manager'),
      member: await role('member'),
      reader: await role('reader'),
      service: await role('service'),
    },
  };
  return {
    services,
    container,
    clock,
    seed,
    createUser: (name, options = {}) =>
      services.identity.createUser({
        name,
        domainId: options.domainId ?? seed.domainId,
        password: options.password ?? `${name}-password`,
      }),
    createProject: (name, options = {}) =>
      services.resource.createProject({
        name,
        // Without either, the service puts the project at the top of the default domain.
        domainId: options.domainId,
        parentId: options.parentId,
      }),
    grantOnProject: (userId, projectId, roleId) =>
      services.assignments.createGrant({
        actor: 'user',
        actorId: userId,
        target: 'project',
        targetId: projectId,
        roleId,
        inherited: false,
      }),
    async close() {
      await container.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
