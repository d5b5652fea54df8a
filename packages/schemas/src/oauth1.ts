import { Type, type Static } from 'typebox';

/** keystone/oauth1/schema.py: a consumer is free-form apart from its description (a string or null). */
const Description = Type.Union([Type.String({ maxLength: 255, pattern: '^[^\\x00]*$' }), Type.Null()]);

export const ConsumerCreate = Type.Object({
  consumer: Type.Optional(Type.Object({ description: Type.Optional(Description) }, { additionalProperties: true })),
});
export type ConsumerCreate = Static<typeof ConsumerCreate>;

/** A secret cannot be set (it is generated); at least one attribute is (checked by the server, with Keystone's message). */
export const ConsumerUpdate = Type.Object({
  consumer: Type.Optional(Type.Object({ description: Type.Optional(Description) }, { additionalProperties: true })),
});
export type ConsumerUpdate = Static<typeof ConsumerUpdate>;

/** PUT /v3/OS-OAUTH1/authorize/{request_token_id}: the roles to delegate, each by id or by name (one of them). */
export const RequestTokenAuthorize = Type.Object({
  roles: Type.Optional(
    Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
        },
        { minProperties: 1, maxProperties: 1, additionalProperties: false },
      ),
    ),
  ),
});
export type RequestTokenAuthorize = Static<typeof RequestTokenAuthorize>;
