import { Type } from 'typebox';

/** Keystone's parameter types (keystone/common/validation/parameter_types.py). */
export const IdString = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9-_]+$' });
export const Name = Type.String({ minLength: 1, maxLength: 255, pattern: '[\\S]+' });
export const Description = Type.Union([Type.String(), Type.Null()]);
export const Enabled = Type.Boolean();
export const NullableId = Type.Union([IdString, Type.Null()]);
export const Tag = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^,/]*$' });
export const Tags = Type.Array(Tag, { maxItems: 80, uniqueItems: true });
export const Options = Type.Record(Type.String(), Type.Unknown());
