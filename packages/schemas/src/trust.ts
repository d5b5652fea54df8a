import { Type, type Static } from 'typebox';

export const TrustCreate = Type.Object({
  trust: Type.Object(
    {
      trustor_user_id: Type.String({ minLength: 1, maxLength: 64 }),
      trustee_user_id: Type.String({ minLength: 1, maxLength: 64 }),
      impersonation: Type.Boolean(),
      project_id: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
      roles: Type.Optional(
        Type.Array(
          Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }, { minProperties: 1 }),
        ),
      ),
      expires_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      remaining_uses: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
      allow_redelegation: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
      redelegation_count: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    },
    { additionalProperties: true },
  ),
});
export type TrustCreate = Static<typeof TrustCreate>;
