import { type Static, Type } from 'typebox';
import { RoleOptions } from './assignment.ts';
import { Collection, Envelope, Nullable, ResourceLinks, closed, withExtra } from './links.ts';

/** Application credentials and their access rules (keystone/api/users.py). */

export const AccessRuleMethod = Type.Union([
  Type.Literal('HEAD'),
  Type.Literal('GET'),
  Type.Literal('POST'),
  Type.Literal('PUT'),
  Type.Literal('PATCH'),
  Type.Literal('DELETE'),
]);

/** An access rule as an application credential lists it. */
export const AccessRule = Type.Object(
  { id: Type.String(), service: Type.String(), path: Type.String(), method: AccessRuleMethod },
  closed,
);
export type AccessRule = Static<typeof AccessRule>;

/** An access rule of GET /v3/users/{user_id}/access_rules, with its link. */
export const AccessRuleResource = Type.Object(
  { id: Type.String(), service: Type.String(), path: Type.String(), method: AccessRuleMethod, links: ResourceLinks },
  closed,
);
export type AccessRuleResource = Static<typeof AccessRuleResource>;
export const AccessRuleResponse = Envelope('access_rule', AccessRuleResource);
export const AccessRuleList = Collection('access_rules', AccessRuleResource);

const applicationCredentialProperties = {
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  user_id: Type.String(),
  project_id: Nullable(Type.String()),
  system: Nullable(Type.String()),
  expires_at: Nullable(Type.String()),
  /** null when the creator did not say (such a credential is restricted, as with false), as Keystone keeps it. */
  unrestricted: Nullable(Type.Boolean()),
  /** Each role whole, as Keystone's get_role gives it (extra attributes too), without links. */
  roles: Type.Array(
    Type.Object(
      {
        id: Type.String(),
        name: Type.String(),
        domain_id: Nullable(Type.String()),
        description: Nullable(Type.String()),
        options: RoleOptions,
      },
      withExtra,
    ),
  ),
  /** Keystone leaves it out when there are none; this server always shows the list. */
  access_rules: Type.Optional(Type.Array(AccessRule)),
  links: ResourceLinks,
};

/** An application credential as listed and shown: never its secret. */
export const ApplicationCredential = Type.Object(applicationCredentialProperties, closed);
export type ApplicationCredential = Static<typeof ApplicationCredential>;

/** The creation response: the only time the secret is shown. */
export const ApplicationCredentialWithSecret = Type.Object(
  { ...applicationCredentialProperties, secret: Type.String() },
  closed,
);
export type ApplicationCredentialWithSecret = Static<typeof ApplicationCredentialWithSecret>;

export const ApplicationCredentialResponse = Envelope('application_credential', ApplicationCredential);
export const ApplicationCredentialCreated = Envelope('application_credential', ApplicationCredentialWithSecret);
export const ApplicationCredentialList = Collection('application_credentials', ApplicationCredential);
