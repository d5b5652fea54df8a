import { normalizeClientTime } from '../../clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import { generateSecret } from '../../crypto/random-secret.ts';
import type { AssignmentService } from '../assignment/assignment-service.ts';
import type { RoleRecord } from '../assignment/assignment-driver.ts';
import type { CredentialProvider } from '../credential/credential-provider.ts';
import type { PasswordPolicy } from '../identity/password-policy.ts';
import type { ServiceContext } from '../service-context.ts';
import type { AccessRuleRecord, ApplicationCredentialRecord } from './application-credential-driver.ts';
import {
  isSealedSecret,
  resealSecret,
  sealedWithKey,
  sealGeneratedSecret,
  verifySealedSecret,
} from './generated-secret-seal.ts';

export interface ApplicationCredentialInput {
  name: string;
  secret?: string | null;
  description?: string | null;
  expiresAt?: string | null;
  roles?: Array<{ id?: string; name?: string; domain_id?: string | null }>;
  unrestricted?: boolean;
  accessRules?: Array<{ id?: string; service?: string; path?: string; method?: string }>;
}

export interface CreatorToken {
  userId: string;
  projectId: string | null;
  roles: RoleRecord[];
  /** Set when the creator authenticated with an application credential. */
  applicationCredential?: { unrestricted: boolean | null };
}

/**
 * Application credentials: secrets shown once, stored hashed, limited to the creator's roles. A secret the user
 * chose goes through the password hasher; one the server generated is sealed with the credential keys instead
 * (fast to check; generated-secret-seal.ts says why that is safe and how it survives key rotation).
 */
export class ApplicationCredentialService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly assignments: AssignmentService,
    private readonly passwords: Pick<PasswordPolicy, 'hash' | 'verify'>,
    /** The credential key repository's provider, shared with CredentialService. */
    private readonly secretSeal: CredentialProvider,
    private readonly userLimit: number,
  ) {}

  async create(
    userId: string,
    creator: CreatorToken,
    input: ApplicationCredentialInput,
  ): Promise<{ credential: ApplicationCredentialRecord; secret: string; roles: RoleRecord[] }> {
    if (creator.applicationCredential && !creator.applicationCredential.unrestricted) {
      throw new ForbiddenError(
        "Using method 'application_credential' is not allowed for managing additional application credentials.",
      );
    }
    if (creator.userId !== userId)
      throw new ForbiddenError('Cannot create an application credential for another user.');
    if (!creator.projectId) throw new ValidationError('Application credentials require a project-scoped token.');
    const now = this.ctx.clock.now();
    if (input.expiresAt) {
      const normalized = normalizeClientTime(input.expiresAt);
      if (!normalized) throw ValidationError.field('expires_at', `'${input.expiresAt}' is not a valid date-time`);
      if (new Date(normalized).getTime() <= now.getTime())
        throw new ValidationError("Invalid input for field 'expires_at': the expiration date is in the past.");
      input = { ...input, expiresAt: normalized };
    }
    const held = await this.assignments.effectiveRoles(userId, {
      project: (await this.ctx.store.resource.getProject(creator.projectId))!,
    });
    let roles: RoleRecord[];
    if (!input.roles || input.roles.length === 0) {
      roles = creator.roles.length > 0 ? creator.roles : held;
    } else {
      roles = [];
      for (const ref of input.roles) {
        const role = ref.id
          ? await this.ctx.store.assignment.getRole(ref.id)
          : (await this.ctx.store.assignment.listRoles({ name: ref.name, domainId: ref.domain_id ?? null }))[0];
        if (!role) throw NotFoundError.resource('role', ref.id ?? ref.name ?? '');
        if (!held.some((h) => h.id === role.id)) {
          throw new NotFoundError(
            `Could not find role assignment with role: ${role.id}, user or group: ${userId}, project, domain, or system: ${creator.projectId}.`,
          );
        }
        if (!roles.some((r) => r.id === role.id)) roles.push(role);
      }
    }
    if (
      this.userLimit >= 0 &&
      (await this.ctx.store.applicationCredentials.list({ userId })).length >= this.userLimit
    ) {
      throw new ForbiddenError(
        `Unable to create additional application credentials, maximum of ${this.userLimit} already exceeded for user.`,
      );
    }
    const accessRules: AccessRuleRecord[] = [];
    for (const rule of input.accessRules ?? []) {
      if (rule.id && !rule.service) {
        const existing = await this.ctx.store.applicationCredentials.getAccessRule(userId, rule.id);
        if (!existing) throw NotFoundError.resource('access rule', rule.id);
        accessRules.push(existing);
      } else {
        accessRules.push({
          id: rule.id ?? newId(),
          service: rule.service ?? '',
          path: rule.path ?? '',
          method: rule.method ?? '',
        });
      }
    }
    const chosen = input.secret ?? undefined;
    const secret = chosen ?? generateSecret();
    const credential: ApplicationCredentialRecord = {
      id: newId(),
      name: input.name,
      secretHash:
        chosen === undefined ? sealGeneratedSecret(this.secretSeal, secret) : await this.passwords.hash(chosen),
      description: input.description ?? null,
      userId,
      projectId: creator.projectId,
      system: null,
      expiresAt: input.expiresAt ?? null,
      unrestricted: input.unrestricted ?? null,
      createdAt: now.toISOString(),
      roleIds: roles.map((r) => r.id),
      accessRules,
    };
    await this.ctx.store.transaction((store) => store.applicationCredentials.create(credential));
    this.ctx.audit.resource('created', 'application_credential', credential.id);
    return { credential, secret, roles };
  }

  async get(userId: string, id: string): Promise<ApplicationCredentialRecord> {
    const credential = await this.ctx.store.applicationCredentials.get(id);
    if (!credential || credential.userId !== userId) throw NotFoundError.resource('application credential', id);
    return credential;
  }

  list(userId: string, name?: string) {
    return this.ctx.store.applicationCredentials.list({ userId, name });
  }

  async delete(
    userId: string,
    id: string,
    deleter?: { applicationCredential?: { unrestricted: boolean | null } },
  ): Promise<void> {
    if (deleter?.applicationCredential && !deleter.applicationCredential.unrestricted) {
      throw new ForbiddenError(
        "Using method 'application_credential' is not allowed for managing additional application credentials.",
      );
    }
    await this.get(userId, id);
    await this.ctx.store.transaction((store) => store.applicationCredentials.delete(id));
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('deleted', 'application_credential', id);
  }

  listAccessRules(userId: string) {
    return this.ctx.store.applicationCredentials.listAccessRules(userId);
  }

  async getAccessRule(userId: string, id: string) {
    const rule = await this.ctx.store.applicationCredentials.getAccessRule(userId, id);
    if (!rule) throw NotFoundError.resource('access rule', id);
    return rule;
  }

  async deleteAccessRule(userId: string, id: string) {
    await this.getAccessRule(userId, id);
    if (!(await this.ctx.store.applicationCredentials.deleteAccessRule(userId, id))) {
      throw new ForbiddenError(`Cannot delete access rule ${id}: it is in use by an application credential.`);
    }
  }

  /** The user an application credential belongs to, if it exists (for the sign-in log of a failed attempt). */
  async ownerOf(id: string): Promise<string | undefined> {
    return (await this.ctx.store.applicationCredentials.get(id))?.userId;
  }

  /** The credential if the secret is right and it has not expired; undefined otherwise (callers answer 401). */
  async authenticate(id: string, secret: string): Promise<ApplicationCredentialRecord | undefined> {
    const credential = await this.ctx.store.applicationCredentials.get(id);
    if (!credential) return undefined;
    if (credential.expiresAt && new Date(credential.expiresAt).getTime() <= this.ctx.clock.now().getTime())
      return undefined;
    return (await this.secretMatches(secret, credential.secretHash)) ? credential : undefined;
  }

  /** The stored format decides: a sealed generated secret, or a password hash (ours or imported from Keystone). */
  private async secretMatches(secret: string, stored: string): Promise<boolean> {
    if (isSealedSecret(stored)) return verifySealedSecret(this.secretSeal, secret, stored);
    return this.passwords.verify(secret, stored);
  }

  /** True when every sealed secret is sealed with the primary credential key (so a key rotation loses none). */
  async allSealedWithPrimaryKey(): Promise<boolean> {
    const primary = this.secretSeal.primaryKeyHash();
    return (await this.ctx.store.applicationCredentials.list({})).every(
      (c) => !isSealedSecret(c.secretHash) || sealedWithKey(c.secretHash) === primary,
    );
  }

  /** `credential migrate`: re-seals every generated secret not under the primary key; returns how many. */
  async resealWithPrimaryKey(): Promise<number> {
    const primary = this.secretSeal.primaryKeyHash();
    let count = 0;
    for (const credential of await this.ctx.store.applicationCredentials.list({})) {
      if (!isSealedSecret(credential.secretHash) || sealedWithKey(credential.secretHash) === primary) continue;
      const secretHash = resealSecret(this.secretSeal, credential.secretHash);
      await this.ctx.store.applicationCredentials.updateSecretHash(credential.id, secretHash);
      count += 1;
    }
    return count;
  }
}
