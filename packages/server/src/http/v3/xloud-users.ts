import type { ProfileUpdate, SignIn, SignInListQuery, UserParams } from '@xloud/identity-schemas';
import { toKeystoneResourceTime } from '../../clock.ts';
import { ValidationError } from '../../errors.ts';
import type { SignInRecord } from '../../services/auth/sign-in-driver.ts';
import { renderUser } from '../render/resources.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { noContent, queryString, type RouteKit } from '../route-kit.ts';
import { userTarget } from './users.ts';

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

/* The OS-XLOUD per-user extensions: self-service profile, sign-in activity, "sign out everywhere". */

type OneUser = { params: typeof UserParams };

/** As the v3 user routes do: 401, then 404 for an unknown user, then the policy decision on that user. */
async function loadAndEnforce(kit: RouteKit, request: TypedRequest<OneUser>, action: string): Promise<void> {
  await kit.authenticate(request);
  const user = await kit.services.identity.getUser(request.params.user_id);
  await kit.enforce(request, action, userTarget(user));
}

export const updateProfile: RouteHandler<OneUser & { body: typeof ProfileUpdate }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await loadAndEnforce(kit, request, policy);
  const { profile } = request.body;
  const user = await kit.services.profiles.update(request.params.user_id, {
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
};

export const listSignIns: RouteHandler<OneUser & { querystring: typeof SignInListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.authenticate(request);
  const limit = signInLimit(request.query.limit);
  await loadAndEnforce(kit, request, policy);
  const records = await kit.services.signIns.list(request.params.user_id, limit);
  return { sign_ins: records.map(renderSignIn) };
};

export const revokeUserTokens: RouteHandler<OneUser> = async (request, reply, kit, policy) => {
  await loadAndEnforce(kit, request, policy);
  await kit.services.revoke.revokeByUserId(request.params.user_id);
  return noContent(reply);
};
