import { type Static, type TNull, type TOptional, type TSchema, type TUnion, Type } from 'typebox';
import { IdString } from './common.ts';

/**
 * The attributes a client sets on a user and reads back as given, each declared once, here. The request schemas
 * (UserCreate, UserUpdate) accept each as its type or null (null clears it); the User response shows it only when set.
 * The server derives the stored record from this table too (UserRecord), takes the attributes from a request by the
 * request schema and renders them by the response schema: a new one needs this line and its column (a migration).
 */
export const UserClientAttributes = {
  default_project_id: IdString,
  description: Type.String(),
  email: Type.String(),
};
type ClientAttributes = typeof UserClientAttributes;

/** Each attribute as the server keeps it: its value, or null when unset. */
export type UserClientAttributeValues = { [K in keyof ClientAttributes]: Static<ClientAttributes[K]> | null };

const mapAttributes = <R extends TSchema>(wrap: (schema: TSchema) => R) =>
  Object.fromEntries(Object.entries(UserClientAttributes).map(([name, schema]) => [name, wrap(schema)]));

/** As a request takes them: each optional, null clears it. */
export const userAttributesInRequests = mapAttributes((schema) => Type.Optional(Type.Union([schema, Type.Null()]))) as {
  [K in keyof ClientAttributes]: TOptional<TUnion<[ClientAttributes[K], TNull]>>;
};

/** As a user shows them: each present only when set. */
export const userAttributesInResponses = mapAttributes((schema) => Type.Optional(schema)) as {
  [K in keyof ClientAttributes]: TOptional<ClientAttributes[K]>;
};
