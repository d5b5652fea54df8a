import { type Static, Type } from 'typebox';
import { Collection, Envelope, Nullable, ResourceLinks, closed, type WithExtra, withExtra } from './links.ts';

/** Credentials (keystone/api/credentials.py) and OS-EC2 key pairs (keystone/api/users.py). */

/** A credential; `blob` holds the secret material (EC2 keys, a TOTP seed, a certificate) as a JSON string. */
export const Credential = Type.Object(
  {
    id: Type.String(),
    user_id: Type.String(),
    project_id: Nullable(Type.String()),
    type: Type.String(),
    blob: Type.String(),
    links: ResourceLinks,
  },
  withExtra,
);
export type Credential = WithExtra<Static<typeof Credential>>;
export const CredentialResponse = Envelope('credential', Credential);
export const CredentialList = Collection('credentials', Credential);

/** An EC2 key pair: `tenant_id` is the project, `trust_id` the trust it was made under (always null here). */
export const Ec2Credential = Type.Object(
  {
    user_id: Type.String(),
    tenant_id: Nullable(Type.String()),
    access: Type.String(),
    secret: Type.String(),
    trust_id: Nullable(Type.String()),
    links: ResourceLinks,
  },
  closed,
);
export type Ec2Credential = Static<typeof Ec2Credential>;
export const Ec2CredentialResponse = Envelope('credential', Ec2Credential);
export const Ec2CredentialList = Collection('credentials', Ec2Credential);
