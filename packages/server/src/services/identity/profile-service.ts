import { ValidationError } from '../../errors.ts';
import type { AssignmentService } from '../assignment/assignment-service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { UserRecord } from './identity-driver.ts';
import type { IdentityService } from './identity-service.ts';

/** Profile fields kept among the user's extra attributes, as Keystone keeps any attribute it does not model. */
const PROFILE_EXTRA_FIELDS = ['first_name', 'last_name', 'phone', 'job_title', 'department'] as const;
type ProfileExtraField = (typeof PROFILE_EXTRA_FIELDS)[number];

/** A self-service profile edit; `null` clears a field. Lengths and shapes are checked by the wire schema. */
export interface ProfilePatch {
  email?: string | null;
  description?: string | null;
  defaultProjectId?: string | null;
  extra: Partial<Record<ProfileExtraField, string | null>>;
}

/**
 * OS-XLOUD self-service profile. Goes through IdentityService.updateUser so that it writes, invalidates and
 * renders exactly as PATCH /v3/users/{id} does; what it adds is the default-project rule.
 */
export class ProfileService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly identity: IdentityService,
    private readonly assignments: AssignmentService,
  ) {}

  async update(userId: string, patch: ProfilePatch): Promise<UserRecord> {
    const user = await this.identity.getUser(userId);
    if (typeof patch.defaultProjectId === 'string') await this.assertUsableDefaultProject(user, patch.defaultProjectId);
    const set: Record<string, string> = {};
    const unset: string[] = [];
    for (const [field, value] of Object.entries(patch.extra)) {
      if (value === null) unset.push(field);
      else if (value !== undefined) set[field] = value;
    }
    return this.identity.updateUser(userId, {
      email: patch.email,
      description: patch.description,
      defaultProjectId: patch.defaultProjectId,
      extra: set,
      unsetExtra: unset,
    });
  }

  /**
   * A default project the user could actually be scoped to: an enabled project (not a domain) in an enabled
   * domain, on which the user has a role. One message for every failure, so project ids cannot be probed.
   */
  private async assertUsableDefaultProject(user: UserRecord, projectId: string): Promise<void> {
    const store = this.ctx.store;
    const project = await store.resource.getProject(projectId);
    const domain = project && (await store.resource.getProject(project.domainId));
    const usable =
      project !== undefined &&
      !project.isDomain &&
      project.enabled &&
      domain?.enabled &&
      (await this.assignments.effectiveRoles(user.id, { project })).length > 0;
    if (!usable) {
      throw ValidationError.field(
        'profile.default_project_id',
        `project ${projectId} cannot be your default project: it must be an enabled project on which you have a role`,
      );
    }
  }
}
