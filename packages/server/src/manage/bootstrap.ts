import type { Container } from '../container.ts';
import type { RoleRecord } from '../services/assignment/assignment-driver.ts';

export interface BootstrapOptions {
  /** Required when the admin user does not exist yet; when given for an existing user, resets its password. */
  password?: string;
  username?: string;
  projectName?: string;
  roleName?: string;
  serviceName?: string;
  regionId?: string;
  publicUrl?: string;
  internalUrl?: string;
  adminUrl?: string;
}

export interface BootstrapResult {
  userId: string;
  projectId: string;
  created: string[];
}

/**
 * `keystone-manage bootstrap`: the default domain, an admin user and project, the default
 * roles (admin ⊃ manager ⊃ member ⊃ reader, plus service), the admin's project and system
 * grants, and the identity service's endpoints. Safe to run again: existing things are reused.
 */
export async function bootstrap(container: Container, options: BootstrapOptions): Promise<BootstrapResult> {
  const s = container.services;
  const created: string[] = [];
  const domainId = container.conf.identity.default_domain_id;
  const username = options.username ?? 'admin';
  const projectName = options.projectName ?? 'admin';
  const adminRoleName = options.roleName ?? 'admin';

  const domain = await s.resource.getDomain(domainId).catch(() => undefined);
  if (!domain) {
    await s.resource.createDomain({ id: domainId, name: 'Default', description: 'The default domain' });
    created.push(`domain ${domainId}`);
  }

  let project = await s.resource.findProjectByName(domainId, projectName);
  if (!project) {
    project = await s.resource.createProject({
      name: projectName,
      domainId,
      description: 'Bootstrap project for initializing the cloud.',
    });
    created.push(`project ${projectName}`);
  }

  let user = await s.identity.findUserByName(domainId, username);
  if (!user) {
    if (options.password === undefined)
      throw new Error(`bootstrap: user ${username} does not exist; a password is required to create it`);
    user = await s.identity.createUser({ name: username, domainId, password: options.password });
    created.push(`user ${username}`);
  } else if (options.password !== undefined) {
    const passwordMatches =
      user.passwordHash !== null && (await s.passwords.verify(options.password, user.passwordHash));
    if (!passwordMatches || !user.enabled) {
      await s.identity.updateUser(user.id, { password: passwordMatches ? undefined : options.password, enabled: true });
      created.push(`reset password of ${username}`);
    }
  }

  const roles: Record<string, RoleRecord> = {};
  for (const name of [adminRoleName, 'manager', 'member', 'reader', 'service']) {
    let role = await s.roles.findRoleByName(name);
    if (!role) {
      role = await s.roles.createRole({ name });
      created.push(`role ${name}`);
    }
    roles[name] = role;
  }
  for (const [prior, implied] of [
    [adminRoleName, 'manager'],
    ['manager', 'member'],
    ['member', 'reader'],
  ] as const) {
    await s.roles.createImpliedRole(roles[prior]!.id, roles[implied]!.id);
  }

  await s.assignments.createGrant({
    actor: 'user',
    actorId: user.id,
    target: 'project',
    targetId: project.id,
    roleId: roles[adminRoleName]!.id,
    inherited: false,
  });
  await s.assignments.createGrant({
    actor: 'user',
    actorId: user.id,
    target: 'system',
    targetId: 'system',
    roleId: roles[adminRoleName]!.id,
    inherited: false,
  });

  if (options.regionId && !(await s.catalog.listRegions({})).some((r) => r.id === options.regionId)) {
    await s.catalog.createRegion({ id: options.regionId });
    created.push(`region ${options.regionId}`);
  }

  const urls = {
    public: options.publicUrl,
    internal: options.internalUrl ?? options.publicUrl,
    admin: options.adminUrl ?? options.publicUrl,
  };
  if (urls.public) {
    const serviceName = options.serviceName ?? 'keystone';
    let service = (await s.catalog.listServices({ type: 'identity' })).find((x) => x.extra.name === serviceName);
    if (!service) {
      service = await s.catalog.createService({ type: 'identity', extra: { name: serviceName } });
      created.push(`service ${serviceName}`);
    }
    const existing = await s.catalog.listEndpoints({ serviceId: service.id });
    for (const iface of ['public', 'internal', 'admin'] as const) {
      const url = urls[iface]!;
      const match = existing.find((e) => e.interface === iface && e.regionId === (options.regionId ?? null));
      if (!match) {
        await s.catalog.createEndpoint({
          interface: iface,
          url,
          serviceId: service.id,
          regionId: options.regionId ?? null,
        });
        created.push(`${iface} endpoint ${url}`);
      } else if (match.url !== url) {
        await s.catalog.updateEndpoint(match.id, { url });
        created.push(`${iface} endpoint now ${url}`);
      }
    }
  }
  return { userId: user.id, projectId: project.id, created };
}
