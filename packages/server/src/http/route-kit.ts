import { identityPrefixOf } from './identity-prefix.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, IdentityError, UnauthorizedError, ValidationError } from '../errors.ts';
import type { PolicyCredentials, PolicyDescription, PolicyEnforcer } from '../policy/index.ts';
import type { TokenModel } from '../services/auth/token-model.ts';
import type { Services } from '../container.ts';
import { policyCredentials } from './policy-credentials.ts';

declare module 'fastify' {
  interface FastifyRequest {
    authToken?: TokenModel;
  }
}

/** What every route module is given: the services, and the authentication and policy steps. */
export class RouteKit {
  constructor(
    readonly services: Services,
    private readonly policy: PolicyEnforcer,
    private readonly publicEndpoint: string | undefined,
    private readonly listLimits: { resource?: number; identity?: number; catalog?: number } = {},
    /** [token] revoke_by_id: false makes the token enumeration endpoints (OS-PKI/revoked) 410 Gone, as in Keystone. */
    readonly revokeById = true,
  ) {}

  /** [resource|identity|catalog] list_limit, falling back to [DEFAULT] list_limit (already merged by the caller). */
  listLimit(section: 'resource' | 'identity' | 'catalog'): number | undefined {
    return this.listLimits[section];
  }

  /** Base of the v3 API for links: the configured public endpoint, else the address the client used. */
  v3Url(request: FastifyRequest): string {
    if (this.publicEndpoint) return `${this.publicEndpoint.replace(/\/+$/, '')}/v3`;
    return `${request.protocol}://${request.host}${identityPrefixOf(request.originalUrl)}/v3`;
  }

  rootUrl(request: FastifyRequest): string {
    return this.v3Url(request).replace(/\/v3$/, '');
  }

  /** The caller's token (X-Auth-Token), validated; 401 otherwise. */
  async authenticate(request: FastifyRequest): Promise<TokenModel> {
    if (request.authToken) return request.authToken;
    const header = request.headers['x-auth-token'];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) {
      if (typeof request.headers.authorization === 'string' && /^bearer\s/i.test(request.headers.authorization)) {
        throw new UnauthorizedError(
          'The request you have made requires authentication. Send the token in the X-Auth-Token header, not as Authorization: Bearer.',
        );
      }
      throw new UnauthorizedError();
    }
    try {
      request.authToken = await this.services.tokens.validate(token.trim());
    } catch (error) {
      // Only a token that is not valid is a 401; a database outage must not make clients drop good tokens.
      if (error instanceof IdentityError) throw new UnauthorizedError();
      throw error;
    }
    return request.authToken;
  }

  credentials(token: TokenModel): PolicyCredentials {
    return policyCredentials(token);
  }

  /** Authenticates, then asks the policy engine; 403 when the rule or the token's scope does not permit. */
  async enforce(request: FastifyRequest, action: string, target: Record<string, unknown> = {}): Promise<TokenModel> {
    const token = await this.authenticate(request);
    // The URL's parameters are part of the target, as Keystone passes its view arguments to the enforcer.
    const params: unknown = request.params;
    const fromUrl = typeof params === 'object' && params !== null ? params : {};
    const decision = this.policy.enforce(action, { ...fromUrl, ...target }, this.credentials(token));
    if (!decision.allowed) throw ForbiddenError.action(action);
    return token;
  }

  /** Like enforce, but answers instead of throwing (for filtering lists). */
  allows(token: TokenModel, action: string, target: Record<string, unknown>): boolean {
    return this.policy.enforce(action, target, this.credentials(token)).allowed;
  }

  /** A rule's scope_types and what would satisfy it, for explaining a 403; undefined for an unknown action. */
  describePolicy(action: string): PolicyDescription | undefined {
    return this.policy.describe(action);
  }
}

export const created = (reply: FastifyReply, body: unknown) => reply.code(201).send(body);
export const noContent = (reply: FastifyReply) => reply.code(204).send();

/** Keystone's boolean query values: true/1/yes/on (and a bare key) are true. */
export function queryFlag(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  const v = String(value).toLowerCase();
  if (['', 'true', '1', 'yes', 'on', 't', 'y'].includes(v)) return true;
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(v)) return false;
  throw new ValidationError(`Invalid input for a boolean query parameter: '${String(value)}'.`);
}

export function queryString(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? String(value.at(-1)) : undefined;
  return String(value);
}
