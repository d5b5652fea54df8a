import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { op } from './operation.ts';

/* keystone/common/policies/consumer.py and access_token.py (OS-OAUTH1). */

const CONSUMER = '/v3/OS-OAUTH1/consumers/{consumer_id}';
const ACCESS_TOKEN = '/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}';

export const oauth1Rules: PolicyRule[] = [
  {
    name: 'identity:get_consumer',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Show OAUTH1 consumer details.',
    operations: [op('GET', CONSUMER)],
  },
  {
    name: 'identity:list_consumers',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List OAUTH1 consumers.',
    operations: [op('GET', '/v3/OS-OAUTH1/consumers')],
  },
  {
    name: 'identity:create_consumer',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create OAUTH1 consumer.',
    operations: [op('POST', '/v3/OS-OAUTH1/consumers')],
  },
  {
    name: 'identity:update_consumer',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Update OAUTH1 consumer.',
    operations: [op('PATCH', CONSUMER)],
  },
  {
    name: 'identity:delete_consumer',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete OAUTH1 consumer.',
    operations: [op('DELETE', CONSUMER)],
  },
  {
    name: 'identity:authorize_request_token',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['project'],
    description: 'Authorize OAUTH1 request token.',
    operations: [op('PUT', '/v3/OS-OAUTH1/authorize/{request_token_id}')],
  },
  {
    name: 'identity:get_access_token',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['project'],
    description: 'Get OAUTH1 access token for user by access token ID.',
    operations: [op('GET', ACCESS_TOKEN)],
  },
  {
    name: 'identity:get_access_token_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['project'],
    description: 'Get role for user OAUTH1 access token.',
    operations: [op('GET', `${ACCESS_TOKEN}/roles/{role_id}`)],
  },
  {
    name: 'identity:list_access_tokens',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['project'],
    description: 'List OAUTH1 access tokens for user.',
    operations: [op('GET', '/v3/users/{user_id}/OS-OAUTH1/access_tokens')],
  },
  {
    name: 'identity:list_access_token_roles',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['project'],
    description: 'List OAUTH1 access token roles.',
    operations: [op('GET', `${ACCESS_TOKEN}/roles`)],
  },
  {
    name: 'identity:delete_access_token',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['project'],
    description: 'Delete OAUTH1 access token.',
    operations: [op('DELETE', ACCESS_TOKEN)],
  },
];
