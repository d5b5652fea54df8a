import { Type, type Static } from 'typebox';

const DomainRef = Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) });
const UserRef = {
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  domain: Type.Optional(DomainRef),
};

/** POST /v3/auth/tokens (keystone/auth/schema.py). */
export const AuthTokenRequest = Type.Object({
  auth: Type.Object({
    identity: Type.Object({
      methods: Type.Array(Type.String(), { minItems: 1 }),
      password: Type.Optional(
        Type.Object({
          user: Type.Object({ ...UserRef, password: Type.String({ maxLength: 65536 }) }),
        }),
      ),
      token: Type.Optional(Type.Object({ id: Type.String({ minLength: 1 }) })),
      application_credential: Type.Optional(
        Type.Object({
          id: Type.Optional(Type.String()),
          name: Type.Optional(Type.String()),
          secret: Type.String(),
          user: Type.Optional(Type.Object(UserRef)),
        }),
      ),
      totp: Type.Optional(Type.Object({ user: Type.Object({ ...UserRef, passcode: Type.String() }) })),
      /** The request's OAuth Authorization header is the credential; the body names the method only. */
      oauth1: Type.Optional(Type.Object({})),
    }),
    scope: Type.Optional(
      Type.Union([
        Type.Literal('unscoped'),
        Type.Object({
          project: Type.Optional(
            Type.Object({
              id: Type.Optional(Type.String()),
              name: Type.Optional(Type.String()),
              domain: Type.Optional(DomainRef),
            }),
          ),
          domain: Type.Optional(DomainRef),
          system: Type.Optional(Type.Object({ all: Type.Optional(Type.Boolean()) })),
          'OS-TRUST:trust': Type.Optional(Type.Object({ id: Type.String() })),
        }),
      ]),
    ),
  }),
});
export type AuthTokenRequest = Static<typeof AuthTokenRequest>;
