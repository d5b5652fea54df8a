/** The OpenStack Identity v3 wire format as TypeBox schemas, shared by server, SDK and dashboard. */
export * from './common.ts';
export * from './auth.ts';
export * from './resource.ts';
export * from './identity.ts';
export * from './assignment.ts';
export * from './catalog.ts';
export * from './application-credential.ts';
export * from './credential.ts';
export * from './policy.ts';
export * from './trust.ts';
export * from './ec2-credential.ts';
export * from './endpoint-filter.ts';
export * from './domain-config.ts';
export * from './xloud.ts';
export * from './params.ts';
export * from './query.ts';
export * from './responses/index.ts';
