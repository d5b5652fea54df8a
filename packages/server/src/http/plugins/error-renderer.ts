/**
 * The one place that turns errors into HTTP: every failure leaves through here as {"error": {"code", "title",
 * "message"}}. Route handlers, hooks and services throw an IdentityError (errors.ts) and never build an error
 * response themselves; only requests Node rejects before Fastify sees them are answered elsewhere
 * (client-error-handler.ts, with this module's errorBody).
 */
import { isDatabaseUnavailable } from '../../database-unavailable.ts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthReceiptRequiredError,
  clientErrorFromDatabase,
  DatabaseUnavailableError,
  IdentityError,
  INSECURE_DEBUG_AMENDMENT,
  OAuth2Error,
  PasswordHashingBusyError,
  titleFor,
  UnauthorizedError,
} from '../../errors.ts';

/** Keystone's message for a JSON-schema failure: names the field and what was wrong. */
function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'required') {
    return `Invalid input for field '${path ? `${path}.` : ''}${String(params.missingProperty)}': '${String(params.missingProperty)}' is a required property`;
  }
  if (first.keyword === 'additionalProperties') {
    return `Invalid input for field '${path}': Additional properties are not allowed ('${String(params.additionalProperty)}' was unexpected)`;
  }
  return `Invalid input for field '${path}': ${first.message ?? 'is invalid'}`;
}

/** Keystone's error body; client-error-handler.ts writes the same body straight to the socket. */
export function errorBody(
  status: number,
  message: string,
): { error: { code: number; title: string; message: string } } {
  return { error: { code: status, title: titleFor(status), message } };
}

function renderError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('application/json').send(errorBody(status, message));
}

export interface ErrorRendererOptions {
  /** [DEFAULT] insecure_debug: security errors and unexpected errors carry their details. */
  insecureDebug?: boolean;
  /** [database] retry_interval: the Retry-After of a 503 for an unavailable database. */
  retryAfterSeconds?: number;
}

/**
 * Fastify's `frameworkErrors`: a URL that does not percent-decode (or another failure before routing) never
 * reaches a route or the error handler; it still gets a Keystone-style error body.
 */
export function renderFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return renderError(reply, status, status === 400 ? 'The request URL is malformed.' : error.message);
}

export function registerErrorRenderer(
  app: FastifyInstance,
  allowedMethods?: (method: string, url: string) => string[],
  options: ErrorRendererOptions = {},
): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof UnauthorizedError && error.debugDetail !== undefined && options.insecureDebug) {
      return renderError(reply, error.status, `${error.debugDetail} ${INSECURE_DEBUG_AMENDMENT}`);
    }
    if (error instanceof DatabaseUnavailableError || error instanceof PasswordHashingBusyError)
      reply.header('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof AuthReceiptRequiredError)
      return reply.code(401).header('Openstack-Auth-Receipt', error.receipt).type('application/json').send(error.body);
    if (error instanceof OAuth2Error) {
      if (error.retryAfterSeconds !== undefined) reply.header('Retry-After', String(error.retryAfterSeconds));
      return reply
        .code(error.status)
        .type('application/json')
        .send({ error: error.oauthError, error_description: error.message });
    }
    if (error instanceof IdentityError) return renderError(reply, error.status, error.message);
    const fromDatabase = clientErrorFromDatabase(error);
    if (fromDatabase) return renderError(reply, fromDatabase.status, fromDatabase.message);
    if (error.validation) return renderError(reply, 400, validationMessage(error));
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return renderError(reply, 413, 'Request is too large.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return renderError(reply, 415, 'The request media type is not supported.');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return renderError(reply, 400, 'The request body is empty or malformed.');
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return renderError(reply, 400, 'Malformed request body: the body is not valid JSON.');
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return renderError(reply, error.statusCode, error.message);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      const unavailable = new DatabaseUnavailableError(options.retryAfterSeconds ?? 10, { cause: error });
      reply.header('Retry-After', String(unavailable.retryAfterSeconds));
      return renderError(reply, unavailable.status, unavailable.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    const unexpected = 'An unexpected error prevented the server from fulfilling your request.';
    return renderError(
      reply,
      500,
      options.insecureDebug ? `${unexpected} ${error.message} ${INSECURE_DEBUG_AMENDMENT}` : unexpected,
    );
  });
  app.setNotFoundHandler((request, reply) => {
    const allowed = allowedMethods?.(request.method, request.url) ?? [];
    if (allowed.length > 0) {
      reply.header('Allow', allowed.join(', '));
      return renderError(reply, 405, `The method is not allowed for the requested URL.`);
    }
    return renderError(reply, 404, 'The resource could not be found.');
  });
}
