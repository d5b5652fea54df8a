/**
 * snake_case (the wire, the SQL columns) ↔ camelCase (records): one rule, so an attribute added to a record's type
 * reaches its column and the JSON without a hand-written line in between.
 */

export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Uppercase<Head> ? (Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`) : Head}${SnakeCase<Tail>}`
  : S;

export type CamelCaseKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };
export type SnakeCaseKeys<T> = { [K in keyof T as K extends string ? SnakeCase<K> : K]: T[K] };

export const camelCase = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function camelCaseKeys<T extends object>(value: T): CamelCaseKeys<T> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelCase(k), v])) as CamelCaseKeys<T>;
}

export function snakeCaseKeys<T extends object>(value: T): SnakeCaseKeys<T> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), v])) as SnakeCaseKeys<T>;
}
