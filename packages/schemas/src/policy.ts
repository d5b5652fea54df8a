import { Type, type Static } from 'typebox';

/** keystone/policy/schema.py: the blob is opaque text, the type a short label (often a MIME type). */
const open = { additionalProperties: true };
/** Stored as text, which PostgreSQL cannot hold with a NUL in it. */
const NO_NUL = '^[^\\x00]*$';
const PolicyBlob = Type.String({ pattern: NO_NUL });
const PolicyType = Type.String({ maxLength: 255, pattern: NO_NUL });

export const PolicyCreate = Type.Object({
  policy: Type.Object({ blob: PolicyBlob, type: PolicyType }, open),
});
export type PolicyCreate = Static<typeof PolicyCreate>;

export const PolicyUpdate = Type.Object({
  policy: Type.Object(
    { blob: Type.Optional(PolicyBlob), type: Type.Optional(PolicyType) },
    { ...open, minProperties: 1 },
  ),
});
export type PolicyUpdate = Static<typeof PolicyUpdate>;
