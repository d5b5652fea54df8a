import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProfileUpdate, type SignIn } from '@xloud/identity-schemas';
import { toKeystoneResourceTime } from '../../clock.ts';
import { ValidationError } from '../../errors.ts';
import type { SignInRecord } from '../../services/auth/sign-in-driver.ts';
import { renderUser } from '../render/resources.ts';
import { noContent, queryString, type RouteKit } from '../route-kit.ts';
import { userTarget } from './users.ts';

type Params = { user_id: string };

const SIGN_INS_DEFAULT_LIMIT = 20;
const SIGN_INS_MAX_LIMIT = 100;

function signInLimit(value: unknown): number {
  const text = queryString(value);
  if (text === undefined) return SIGN_INS_DEFAULT_LIMIT;
  const limit = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= SIGN_INS_MAX_LIMIT)) {
    throw ValidationError.field('limit', `'${text}' is not an integer between 1 and ${SIGN_INS_MAX_LIMIT}`);
  }
  return limit;
}

/** Keystone's time format with the real sub-second part and an explicit zone, so browsers read it as UTC. */
const renderSignIn = (r: SignInRecord): SignIn => ({
  time: `${toKeystoneResourceTime(r.attemptedAt)!}Z`,
  method: r.method,
  success: r.success,
  source_address: r.sourceAddress,
  user_agent: r.userAgent,
});

/** The OS-XLOUD per-user extensions: self-service profile, sign-in activity, "sign out everywhere". */
export function xloudUserRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  /** As the v3 user routes do: 401, then 404 for an unknown user, then the policy decision on that user. */
  async function loadAndEnforce(request: FastifyRequest<{ Params: Params }>, action: string): Promise<void> {
    await kit.authenticate(request);
    const user = await services.identity.getUser(request.params.user_id);
    await kit.enforce(request, action, userTarget(user));
  }

  app.patch<{ Params: Params }>('/OS-XLOUD/users/:user_id/profile', { schema: { body: ProfileUpdate } }, async (request) => {
    await loadAndEnforce(request, 'identity:update_own_profile');
    const { profile } = request.body as ProfileUpdate;
    const user = await services.profiles.update(request.params.user_id, {
      email: profile.email,
      description: profile.description,
      defaultProjectId: profile.default_project_id,
      extra: {
        first_name: profile.first_name,
        last_name: profile.last_name,
        phone: profile.phone,
        job_title: profile.job_title,
        department: profile.department,
      },
    });
    return { user: renderUser(user, kit.v3Url(request)) };
  });

  app.get<{ Params: Params }>('/OS-XLOUD/users/:user_id/sign-ins', async (request) => {
    await kit.authenticate(request);
    const limit = signInLimit((request.query as Record<string, unknown>).limit);
    await loadAndEnforce(request, 'identity:list_sign_ins');
    const records = await services.signIns.list(request.params.user_id, limit);
    return { sign_ins: records.map(renderSignIn) };
  });

  app.delete<{ Params: Params }>('/OS-XLOUD/users/:user_id/tokens', async (request, reply) => {
    await loadAndEnforce(request, 'identity:revoke_user_tokens');
    await services.revoke.revokeByUserId(request.params.user_id);
    return noContent(reply);
  });
}
