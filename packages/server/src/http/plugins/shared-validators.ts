import type { FastifyServerOptions } from 'fastify';

type AjvSettings = NonNullable<FastifyServerOptions['ajv']>;
type Ajv = Parameters<NonNullable<AjvSettings['onCreate']>>[0];
type Validator = ReturnType<Ajv['compile']>;

/** The request validators compiled in this process, by route schema object. */
const compiled = new WeakMap<object, Validator>();

/**
 * Fastify's `ajv.onCreate`: the new app's Ajv hands out the validator an earlier app of this process compiled for the
 * same schema object. Route schemas are module constants and every app builds its Ajv with the same options
 * (app.ts), so that validator is exactly what compiling again would give; compiling the ~80 route schemas costs
 * a few hundred milliseconds per app, which the tests, starting a server per configuration, pay a hundred times.
 */
export function shareCompiledValidators(ajv: Ajv): void {
  const compile = ajv.compile.bind(ajv) as (schema: object) => Validator;
  const shared = (schema: object): Validator => {
    let validator = compiled.get(schema);
    if (validator === undefined) {
      validator = compile(schema);
      compiled.set(schema, validator);
    }
    return validator;
  };
  ajv.compile = shared as Ajv['compile'];
}
