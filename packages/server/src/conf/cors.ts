import { booleanOption, integerOption, listOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[cors]` (oslo.middleware's CORS filter, with Keystone's defaults). Off until allowed_origin is set. */
export const corsSection = {
  allowed_origin: listOption({
    default: [],
    help:
      'Origins (scheme://host[:port]) whose browser pages may call this API, e.g. https://horizon.example.com; ' +
      '"*" allows any. Empty: no CORS headers are sent, browsers keep other origins out.',
  }),
  allow_credentials: booleanOption({
    default: true,
    help: 'Tell the browser the actual request may carry cookies and HTTP authentication (Access-Control-Allow-Credentials).',
  }),
  expose_headers: listOption({
    default: ['X-Auth-Token', 'X-Openstack-Request-Id', 'X-Subject-Token', 'Openstack-Auth-Receipt'],
    help: 'Response headers a page may read (Access-Control-Expose-Headers).',
  }),
  max_age: integerOption({
    default: 3600,
    min: 0,
    help: 'Seconds a browser may cache a preflight answer (Access-Control-Max-Age).',
  }),
  allow_methods: listOption({
    default: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'],
    help: 'Methods a page may use (answered in Access-Control-Allow-Methods).',
  }),
  allow_headers: listOption({
    default: [
      'X-Auth-Token',
      'X-Openstack-Request-Id',
      'X-Subject-Token',
      'X-Project-Id',
      'X-Project-Name',
      'X-Project-Domain-Id',
      'X-Project-Domain-Name',
      'X-Domain-Id',
      'X-Domain-Name',
      'Openstack-Auth-Receipt',
    ],
    help: 'Request headers a page may send beyond the CORS-safelisted ones (Access-Control-Allow-Headers).',
  }),
} satisfies SectionSchema;
