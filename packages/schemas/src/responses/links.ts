import { type Static, type TArray, type TBoolean, type TOptional, type TSchema, Type } from 'typebox';

/** Keystone's wire shapes shared by every resource and collection (keystone/common/provider_api + wsgi links). */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A resource's own `links` block. */
export const ResourceLinks = Type.Object({ self: Type.String() }, { additionalProperties: false });
export type ResourceLinks = Static<typeof ResourceLinks>;

/** A collection's `links` block; `next` carries the marker of the last item when a page was cut by `limit`. */
export const CollectionLinks = Type.Object(
  { self: Type.String(), previous: Nullable(Type.String()), next: Nullable(Type.String()) },
  { additionalProperties: false },
);
export type CollectionLinks = Static<typeof CollectionLinks>;

/** Lists Keystone never pages (auth/system, auth/catalog, project tags) come with `self` alone, no previous/next. */
export const SelfLinks = Type.Object({ self: Type.String() }, { additionalProperties: false });

/** Resources that keep Keystone's "extra" passthrough echo attributes a client stored, so they are open. */
export const withExtra = { additionalProperties: true } as const;
/** The static type of such a resource: its modelled attributes, and whatever extra ones a client stored. */
export type WithExtra<T> = T & { [attribute: string]: unknown };
/** Resources whose every attribute is modelled: anything more is a renderer bug. */
export const closed = { additionalProperties: false } as const;

/** `{ "<key>": [items], "links": {…} }`, plus `"truncated": true` when `[DEFAULT] list_limit` cut the list. */
export const Collection = <K extends string, T extends TSchema>(key: K, item: T) =>
  Type.Object(
    {
      [key]: Type.Array(item),
      links: CollectionLinks,
      truncated: Type.Optional(Type.Boolean()),
    } as { [P in K]: TArray<T> } & { links: typeof CollectionLinks; truncated: TOptional<TBoolean> },
    closed,
  );

/** `{ "<key>": item }`: the envelope of one resource. */
export const Envelope = <K extends string, T extends TSchema>(key: K, item: T) =>
  Type.Object({ [key]: item } as { [P in K]: T }, closed);
