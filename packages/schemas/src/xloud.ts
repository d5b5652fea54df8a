import { Type, type Static } from 'typebox';
import { NullableId } from './common.ts';

/*
 * The OS-XLOUD extensions to the v3 API (docs/console.md, "Xloud extensions to the v3 API").
 * Unlike Keystone's bodies these are closed: an unknown attribute is a 400, so a typo never passes silently.
 */

const closed = { additionalProperties: false };
/** Stored as text, which PostgreSQL cannot hold with a NUL in it. */
const NO_NUL = '^[^\\x00]*$';
const text = (maxLength?: number) =>
  Type.Union([Type.String({ pattern: NO_NUL, ...(maxLength ? { maxLength } : {}) }), Type.Null()]);

/** POST /v3/OS-XLOUD/policy-check */
export const PolicyCheckRequest = Type.Object(
  {
    actions: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 100 }),
    /** What the rules' %(...)s read: a bare target (`{"user": {...}}`) or Keystone's dict (`{"target": {...}, "user_id": ...}`). */
    target: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  closed,
);
export type PolicyCheckRequest = Static<typeof PolicyCheckRequest>;

export const PolicyCheckResult = Type.Object({
  allowed: Type.Boolean(),
  scope_types: Type.Array(Type.Union([Type.Literal('system'), Type.Literal('domain'), Type.Literal('project')])),
  /** Best-effort hints such as "reader on system", "admin on domain", "owner". */
  requires: Type.Array(Type.String()),
});
export type PolicyCheckResult = Static<typeof PolicyCheckResult>;

export const PolicyCheckResponse = Type.Object({ policy_check: Type.Record(Type.String(), PolicyCheckResult) });
export type PolicyCheckResponse = Static<typeof PolicyCheckResponse>;

/** Letters are not phone digits; spaces and + ( ) - . are how people write them. */
export const PHONE_PATTERN = '^[0-9 +().-]+$';

/** PATCH /v3/OS-XLOUD/users/{user_id}/profile — `null` removes a field. */
export const ProfileUpdate = Type.Object(
  {
    profile: Type.Object(
      {
        email: Type.Optional(text()),
        description: Type.Optional(text()),
        default_project_id: Type.Optional(NullableId),
        first_name: Type.Optional(text(64)),
        last_name: Type.Optional(text(64)),
        phone: Type.Optional(Type.Union([Type.String({ maxLength: 20, pattern: PHONE_PATTERN }), Type.Null()])),
        job_title: Type.Optional(text(128)),
        department: Type.Optional(text(128)),
      },
      { ...closed, minProperties: 1 },
    ),
  },
  closed,
);
export type ProfileUpdate = Static<typeof ProfileUpdate>;

/** One entry of GET /v3/OS-XLOUD/users/{user_id}/sign-ins (newest first). */
export const SignIn = Type.Object({
  time: Type.String(),
  method: Type.String(),
  success: Type.Boolean(),
  source_address: Type.Union([Type.String(), Type.Null()]),
  user_agent: Type.Union([Type.String(), Type.Null()]),
});
export type SignIn = Static<typeof SignIn>;

export const SignInList = Type.Object({ sign_ins: Type.Array(SignIn) });
export type SignInList = Static<typeof SignInList>;

/** One entry of GET /v3/OS-XLOUD/audit-events (newest first): an audit event with its CADF form as `payload`. */
export const AuditEvent = Type.Object({
  id: Type.String(),
  time: Type.String(),
  event_type: Type.String(),
  action: Type.String(),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('pending')]),
  /** The initiator: the signing-in user, or the caller whose token made the change (null for xloud-manage). */
  user_id: Type.Union([Type.String(), Type.Null()]),
  target_type: Type.String(),
  target_id: Type.Union([Type.String(), Type.Null()]),
  /** The scope of the initiator's token. */
  project_id: Type.Union([Type.String(), Type.Null()]),
  domain_id: Type.Union([Type.String(), Type.Null()]),
  request_id: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditEventList = Type.Object({
  audit_events: Type.Array(AuditEvent),
  links: Type.Object({ self: Type.String(), previous: Type.Null(), next: Type.Union([Type.String(), Type.Null()]) }),
});
export type AuditEventList = Static<typeof AuditEventList>;

/*
 * Self-service two-factor: /v3/users/{user_id}/OS-XLOUD/mfa (docs/multi-factor.md, "Self-service two-factor").
 * A passcode of the wrong shape is not a 400: like a wrong one it is a 401 that changes nothing, as Keystone
 * answers a bad passcode at sign-in.
 */
const passcode = Type.String({ minLength: 1, maxLength: 64 });

/** POST .../mfa/verify and .../mfa/recovery-codes: a current TOTP passcode. */
export const MfaPasscodeRequest = Type.Object({ mfa: Type.Object({ passcode }, closed) }, closed);
export type MfaPasscodeRequest = Static<typeof MfaPasscodeRequest>;

/** DELETE .../mfa: a current passcode, or one unused recovery code — exactly one of them. */
export const MfaDisableRequest = Type.Object(
  {
    mfa: Type.Object(
      { passcode: Type.Optional(passcode), recovery_code: Type.Optional(passcode) },
      { ...closed, minProperties: 1, maxProperties: 1 },
    ),
  },
  closed,
);
export type MfaDisableRequest = Static<typeof MfaDisableRequest>;

/** GET .../mfa */
export const MfaStatusResponse = Type.Object({
  mfa: Type.Object({
    /** Switched on through self-service (enrolment verified). */
    enabled: Type.Boolean(),
    /** The user's `totp` credentials, however they were made. */
    totp_credentials: Type.Integer(),
    recovery_codes_remaining: Type.Integer(),
    /** An enrolment waits for its first passcode (and has not expired). */
    pending_enrolment: Type.Boolean(),
    /** The user's multi_factor_auth_rules while they apply (multi_factor_auth_enabled is not false), else []. */
    rules: Type.Array(Type.Array(Type.String())),
  }),
});
export type MfaStatusResponse = Static<typeof MfaStatusResponse>;

/** POST .../mfa/enrol (201): the secret is shown here only. */
export const MfaEnrolmentResponse = Type.Object({
  mfa_enrolment: Type.Object({
    /** RFC 4648 base32, 32 characters (160 bits). */
    secret: Type.String(),
    otpauth_uri: Type.String(),
    expires_at: Type.String(),
  }),
});
export type MfaEnrolmentResponse = Static<typeof MfaEnrolmentResponse>;

/** POST .../mfa/verify: on, and the ten recovery codes, shown this once. */
export const MfaVerifiedResponse = Type.Object({
  mfa: Type.Object({ enabled: Type.Literal(true), recovery_codes: Type.Array(Type.String()) }),
});
export type MfaVerifiedResponse = Static<typeof MfaVerifiedResponse>;

/** POST .../mfa/recovery-codes: ten new codes, shown this once; the old ones no longer work. */
export const MfaRecoveryCodesResponse = Type.Object({
  mfa: Type.Object({ recovery_codes: Type.Array(Type.String()) }),
});
export type MfaRecoveryCodesResponse = Static<typeof MfaRecoveryCodesResponse>;
