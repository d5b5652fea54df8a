import { Type, type Static } from 'typebox';

/**
 * keystone/credential/schema.py (master): `project_id` may be null; an ec2 credential's needs are checked by the
 * server. The lengths are the columns' (Keystone has none in the schema and fails in the database instead).
 */
const open = { additionalProperties: true };
/** Stored as text, which PostgreSQL cannot hold with a NUL in it. (The blob is stored encrypted, so any text goes.) */
const NO_NUL = '^[^\\x00]*$';
const UserId = Type.String({ maxLength: 64, pattern: NO_NUL });
const ProjectId = Type.Union([Type.String({ maxLength: 64, pattern: NO_NUL }), Type.Null()]);
const CredentialType = Type.String({ maxLength: 255, pattern: NO_NUL });

export const CredentialCreate = Type.Object({
  credential: Type.Object(
    {
      id: Type.Optional(Type.String()),
      blob: Type.String(),
      type: CredentialType,
      user_id: UserId,
      project_id: Type.Optional(ProjectId),
    },
    open,
  ),
});
export type CredentialCreate = Static<typeof CredentialCreate>;

export const CredentialUpdate = Type.Object({
  credential: Type.Object(
    {
      blob: Type.Optional(Type.String()),
      type: Type.Optional(CredentialType),
      user_id: Type.Optional(UserId),
      project_id: Type.Optional(ProjectId),
    },
    { ...open, minProperties: 1 },
  ),
});
export type CredentialUpdate = Static<typeof CredentialUpdate>;
