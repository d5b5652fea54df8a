import type { FastifyServerOptions } from 'fastify';

type AjvSettings = NonNullable<FastifyServerOptions['ajv']>;
type Ajv = Parameters<NonNullable<AjvSettings['onCreate']>>[0];
type Validator = ReturnType<Ajv['compile']>;

/** The request validators compiled in this process, by route schema object. */
const compiled = new WeakMap<object, Validator>();

/**
 * Fastify's `ajv.onCreate`, for two savings:
 * - Compiled when first used, not at start: Fastify compiles every route's schemas when the app starts, and the
 *   generated code of ~80 routes holds ~30 MiB of resident memory in every process (each worker), most of it for
 *   administrative routes a given deployment seldom or never calls.
 * - Shared between apps: the new app's Ajv hands out the validator an earlier app of this process compiled for the
 *   same schema object. Route schemas are module constants and every app builds its Ajv with the same options
 *   (app.ts), so that validator is exactly what compiling again would give; the tests start a server per
 *   configuration, a hundred times.
 * Fastify reads a failed validation's `errors` from the function it was given, so the stand-in copies them over.
 */
export function shareCompiledValidators(ajv: Ajv): void {
  const compile = ajv.compile.bind(ajv) as (schema: object) => Validator;
  const compiledFor = (schema: object): Validator => {
    let validator = compiled.get(schema);
    if (validator === undefined) {
      validator = compile(schema);
      compiled.set(schema, validator);
    }
    return validator;
  };
  const onFirstUse = (schema: object): Validator => {
    const standIn = ((data: unknown) => {
      const validator = compiledFor(schema);
      const valid = validator(data);
      standIn.errors = validator.errors;
      return valid;
    }) as Validator;
    return standIn;
  };
  ajv.compile = onFirstUse as Ajv['compile'];
}
