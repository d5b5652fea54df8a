// The scale data set: how many of each thing, their deterministic ids and names, and the rows to insert. Everything
// derives from an index, so the measuring side finds the same users and projects without reading them back.
import { createHash, randomBytes } from 'node:crypto';
import { ROOT_DOMAIN_SENTINEL } from '../../packages/server/src/services/resource/resource-driver.ts';
import { GLOBAL_ROLE_SENTINEL } from '../../packages/server/src/storage/tables.ts';
/** Projects per domain, by level below the domain (levels 1..5): 100 in all, a 5-level tree. */
const LEVEL_SIZES = [4, 12, 24, 30, 30];
const PROJECTS_PER_DOMAIN = LEVEL_SIZES.reduce((a, b) => a + b, 0);
const GROUPS_PER_DOMAIN = 20;
/** Share of all users in domain 0, the one big domain (its 100th page of 100 users exists). */
const BIG_DOMAIN_SHARE = 0.2;
/** User 0: direct roles on this many projects and nothing else (GET /v3/auth/projects, re-scope, validate). */
export const FIFTY = 50;
/** Custom roles besides bootstrap's member and reader. */
const CUSTOM_ROLES = 20;

export interface Shape {
  domains: number;
  projects: number;
  users: number;
  groups: number;
  revocations: number;
}

/** The data set at `size` (1: 100 domains, 10,000 projects, 100,000 users, 2,000 groups, 100,000 revocations). */
export function shapeAt(size: number): Shape {
  const domains = Math.max(2, Math.round(100 * size));
  return {
    domains,
    projects: domains * PROJECTS_PER_DOMAIN,
    users: Math.max(domains * 10, Math.round(100_000 * size)),
    groups: domains * GROUPS_PER_DOMAIN,
    revocations: Math.round(100_000 * size),
  };
}

/** A 32-hex-digit id like Keystone's uuid4().hex, stable for (kind, index) and spread like a random one. */
const idOf = (kind: string, index: number): string => createHash('md5').update(`scale:${kind}:${index}`).digest('hex');

export const domainId = (d: number): string => idOf('domain', d);
export const domainName = (d: number): string => `scale-domain-${d}`;
/** Project j (0..99) of domain d; j < 4 is level 1, then 12 at level 2, and so on. */
export const projectId = (d: number, j: number): string => idOf('project', d * PROJECTS_PER_DOMAIN + j);
export const userName = (i: number): string => `scale-user-${i}`;
export const userId = (i: number): string => idOf('user', i);
const groupId = (g: number): string => idOf('group', g);
const roleName = (r: number): string => `scale-role-${r}`;

/** Levels 1..5 of the project tree: the first index of each level in a domain's 100 projects. */
const LEVEL_START = LEVEL_SIZES.map((_, l) => LEVEL_SIZES.slice(0, l).reduce((a, b) => a + b, 0));

/** The parent of project j of domain d: the domain for level 1, else a project one level up. */
function parentOf(d: number, j: number): string {
  let level = LEVEL_START.length - 1;
  while (j < LEVEL_START[level]!) level -= 1;
  if (level === 0) return domainId(d);
  const ordinal = j - LEVEL_START[level]!;
  return projectId(d, LEVEL_START[level - 1]! + (ordinal % LEVEL_SIZES[level - 1]!));
}

/** The domain of user i: the first BIG_DOMAIN_SHARE of users are in domain 0, the rest round-robin in the others. */
function userDomain(shape: Shape, i: number): number {
  const big = Math.floor(shape.users * BIG_DOMAIN_SHARE);
  return i < big ? 0 : 1 + ((i - big) % (shape.domains - 1));
}

/** Users in domain 0, the big one (its listing has the most pages). */
export const bigDomainUsers = (shape: Shape): number => Math.floor(shape.users * BIG_DOMAIN_SHARE);

type Row = unknown[];

export interface TableRows {
  table: string;
  columns: string[];
  rows: () => Iterable<Row>;
}

/** Role ids the assignments use: bootstrap's member and reader plus the custom roles. */
export interface RoleIds {
  member: string;
  reader: string;
  custom: string[];
}

export const customRoleRows = (): TableRows => ({
  table: 'role',
  columns: ['id', 'name', 'domain_id', 'description', 'options', 'extra'],
  rows: function* () {
    for (let r = 0; r < CUSTOM_ROLES; r++) yield [idOf('role', r), roleName(r), GLOBAL_ROLE_SENTINEL, null, '{}', '{}'];
  },
});

export const customRoleIds = (): string[] => Array.from({ length: CUSTOM_ROLES }, (_, r) => idOf('role', r));

export function domainAndProjectRows(shape: Shape): TableRows {
  return {
    table: 'project',
    columns: ['id', 'name', 'domain_id', 'parent_id', 'is_domain', 'enabled', 'description', 'extra'],
    rows: function* () {
      for (let d = 0; d < shape.domains; d++) {
        yield [domainId(d), domainName(d), ROOT_DOMAIN_SENTINEL, null, 1, 1, 'scale benchmark domain', '{}'];
      }
      for (let d = 0; d < shape.domains; d++) {
        for (let j = 0; j < PROJECTS_PER_DOMAIN; j++) {
          yield [projectId(d, j), `scale-project-${d}-${j}`, domainId(d), parentOf(d, j), 0, 1, null, '{}'];
        }
      }
    },
  };
}

export function userRows(shape: Shape, passwordHash: string, createdAt: string): TableRows {
  return {
    table: 'identity_user',
    columns: [
      'id',
      'domain_id',
      'name',
      'enabled',
      'extra',
      'options',
      'password_hash',
      'password_created_at',
      'created_at',
      'failed_auth_count',
    ],
    rows: function* () {
      for (let i = 0; i < shape.users; i++) {
        const d = userDomain(shape, i);
        yield [userId(i), domainId(d), userName(i), 1, '{}', '{}', passwordHash, createdAt, createdAt, 0];
      }
    },
  };
}

/** Group k (0..19) of domain d. */
const groupOf = (d: number, k: number): number => d * GROUPS_PER_DOMAIN + k;

export function groupRows(shape: Shape): TableRows {
  return {
    table: 'identity_group',
    columns: ['id', 'domain_id', 'name', 'description', 'extra'],
    rows: function* () {
      for (let d = 0; d < shape.domains; d++) {
        for (let k = 0; k < GROUPS_PER_DOMAIN; k++) {
          yield [groupId(groupOf(d, k)), domainId(d), `scale-group-${d}-${k}`, null, '{}'];
        }
      }
    },
  };
}

/** The two groups (of its own domain) of user i; user 0 is in none. */
function groupsOfUser(shape: Shape, i: number): number[] {
  if (i === 0) return [];
  const d = userDomain(shape, i);
  const first = i % GROUPS_PER_DOMAIN;
  const second = (first + 1 + (i % (GROUPS_PER_DOMAIN - 1))) % GROUPS_PER_DOMAIN;
  return [groupOf(d, first), groupOf(d, second)];
}

export function membershipRows(shape: Shape): TableRows {
  return {
    table: 'group_membership',
    columns: ['user_id', 'group_id'],
    rows: function* () {
      for (let i = 0; i < shape.users; i++) for (const g of groupsOfUser(shape, i)) yield [userId(i), groupId(g)];
    },
  };
}

/**
 * About 10 assignments per user and 50 per group, 1,000,000 at size 1: per user 7 direct project roles, one role
 * inherited down a level-1/2 subtree and one domain role (inherited for every tenth user); per group 40 direct and 5
 * inherited project roles and 5 domain roles (2 of them inherited). User 0 has direct roles on 50 projects only.
 */
export function assignmentRows(shape: Shape, roles: RoleIds): TableRows {
  const pool = [roles.member, roles.reader, ...roles.custom];
  const role = (n: number): string => pool[n % pool.length]!;
  return {
    table: 'assignment',
    columns: ['type', 'actor_id', 'target_id', 'role_id', 'inherited'],
    rows: function* () {
      for (let j = 0; j < FIFTY; j++) yield ['UserProject', userId(0), projectId(0, j), roles.member, 0];
      for (let i = 1; i < shape.users; i++) {
        const d = userDomain(shape, i);
        const u = userId(i);
        for (let k = 0; k < 7; k++) yield ['UserProject', u, projectId(d, (i * 7 + k * 13) % 100), role(i + k), 0];
        yield ['UserProject', u, projectId(d, i % 16), roles.reader, 1];
        yield ['UserDomain', u, domainId(d), roles.reader, i % 10 === 0 ? 1 : 0];
      }
      for (let d = 0; d < shape.domains; d++) {
        for (let k = 0; k < GROUPS_PER_DOMAIN; k++) {
          const g = groupId(groupOf(d, k));
          for (let m = 0; m < 40; m++) yield ['GroupProject', g, projectId(d, (k * 5 + m * 2) % 100), role(k + m), 0];
          for (let m = 0; m < 5; m++) yield ['GroupProject', g, projectId(d, (k + m * 3) % 16), role(k + m), 1];
          for (let m = 0; m < 5; m++) yield ['GroupDomain', g, domainId(d), role(k + m), m >= 3 ? 1 : 0];
        }
      }
    },
  };
}

/**
 * Revocations of the last 50 minutes (all still within [token] expiration, so none is pruned): 93 % are one token's
 * audit id (a logout, a revoked token), 7 % a user's every token (password change, disabled user).
 */
export function revocationRows(shape: Shape, now: Date): TableRows {
  return {
    table: 'revocation_event',
    columns: ['user_id', 'issued_before', 'expires_at', 'revoked_at', 'audit_id'],
    rows: function* () {
      for (let n = 0; n < shape.revocations; n++) {
        const at = new Date(now.getTime() - ((n * 7919) % 3_000_000) - 60_000);
        const second = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
        if (n % 100 < 93) {
          const expires = new Date(at.getTime() + 3_600_000).toISOString();
          yield [null, second, expires, at.toISOString(), randomBytes(16).toString('base64url').slice(0, 22)];
        } else {
          yield [userId((n * 31) % shape.users), second, null, at.toISOString(), null];
        }
      }
    },
  };
}
