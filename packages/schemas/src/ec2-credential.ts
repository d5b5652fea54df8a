import { Type, type Static } from 'typebox';

/**
 * `POST /v3/users/{user_id}/credentials/OS-EC2` (keystone/api/users.py): only `tenant_id` is read; Keystone has no
 * schema, and an absent or null tenant_id is a 404 for project "None" there and here. Stored ids cannot hold NUL.
 */
export const Ec2CredentialCreate = Type.Object(
  { tenant_id: Type.Optional(Type.Union([Type.String({ pattern: '^[^\\x00]*$' }), Type.Null()])) },
  { additionalProperties: true },
);
export type Ec2CredentialCreate = Static<typeof Ec2CredentialCreate>;
