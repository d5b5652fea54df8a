import type {
  MfaDisableRequest,
  MfaEnrolmentResponse,
  MfaPasscodeRequest,
  MfaRecoveryCodesResponse,
  MfaStatusResponse,
  MfaVerifiedResponse,
  UserParams,
} from '@xloud/identity-schemas';
import { ForbiddenError } from '../../errors.ts';
import type { UserRecord } from '../../services/identity/identity-driver.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { created, noContent, type RouteKit } from '../route-kit.ts';
import { userTarget } from './users.ts';

/*
 * OS-XLOUD self-service two-factor: /v3/users/{user_id}/OS-XLOUD/mfa (docs/multi-factor.md). The user enrols,
 * verifies, regenerates recovery codes and disables; an administrator reads the state and resets it.
 */

type OneUser = { params: typeof UserParams };

/** As the v3 user routes do: 401, then 404 for an unknown user, then the policy decision on that user. */
async function loadAndEnforce(kit: RouteKit, request: TypedRequest<OneUser>, action: string): Promise<UserRecord> {
  await kit.authenticate(request);
  const user = await kit.services.identity.getUser(request.params.user_id);
  await kit.enforce(request, action, userTarget(user));
  return user;
}

/**
 * As for application credentials (Keystone refuses a restricted one to manage more of them): a token got with a
 * restricted application credential — automation, which the rules let in without a second factor — cannot
 * change the second factor either.
 */
async function refuseRestrictedApplicationCredential(kit: RouteKit, request: TypedRequest<OneUser>): Promise<void> {
  const token = await kit.authenticate(request);
  if (token.applicationCredential && !token.applicationCredential.unrestricted) {
    throw new ForbiddenError(
      "Using method 'application_credential' is not allowed for managing two-factor authentication.",
    );
  }
}

async function loadOwn(kit: RouteKit, request: TypedRequest<OneUser>, action: string): Promise<UserRecord> {
  const user = await loadAndEnforce(kit, request, action);
  await refuseRestrictedApplicationCredential(kit, request);
  return user;
}

export const getMfa: RouteHandler<OneUser> = async (request, _reply, kit, policy): Promise<MfaStatusResponse> => {
  const user = await loadAndEnforce(kit, request, policy);
  const status = await kit.services.mfa.status(user);
  return {
    mfa: {
      enabled: status.enabled,
      totp_credentials: status.totpCredentials,
      recovery_codes_remaining: status.recoveryCodesRemaining,
      pending_enrolment: status.pendingEnrolment,
      rules: status.rules as string[][],
    },
  };
};

export const enrolMfa: RouteHandler<OneUser> = async (request, reply, kit, policy) => {
  const user = await loadOwn(kit, request, policy);
  const domain = await kit.services.resource.getDomain(user.domainId);
  const enrolment = await kit.services.mfa.enrol(user, domain.name);
  const body: MfaEnrolmentResponse = {
    mfa_enrolment: {
      secret: enrolment.secret,
      otpauth_uri: enrolment.otpauthUri,
      expires_at: enrolment.expiresAt.toISOString(),
    },
  };
  return created(reply, body);
};

export const verifyMfa: RouteHandler<OneUser & { body: typeof MfaPasscodeRequest }> = async (
  request,
  _reply,
  kit,
  policy,
): Promise<MfaVerifiedResponse> => {
  const user = await loadOwn(kit, request, policy);
  const codes = await kit.services.mfa.verify(user, request.body.mfa.passcode);
  return { mfa: { enabled: true, recovery_codes: codes } };
};

export const regenerateRecoveryCodes: RouteHandler<OneUser & { body: typeof MfaPasscodeRequest }> = async (
  request,
  _reply,
  kit,
  policy,
): Promise<MfaRecoveryCodesResponse> => {
  const user = await loadOwn(kit, request, policy);
  const codes = await kit.services.mfa.regenerateRecoveryCodes(user, request.body.mfa.passcode);
  return { mfa: { recovery_codes: codes } };
};

export const disableMfa: RouteHandler<OneUser & { body: typeof MfaDisableRequest }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  const user = await loadOwn(kit, request, policy);
  const { passcode, recovery_code: recoveryCode } = request.body.mfa;
  await kit.services.mfa.disable(user, passcode !== undefined ? { passcode } : { recoveryCode: recoveryCode! });
  return noContent(reply);
};

export const resetMfa: RouteHandler<OneUser> = async (request, reply, kit, policy) => {
  const user = await loadAndEnforce(kit, request, policy);
  await kit.services.mfa.reset(user);
  return noContent(reply);
};
