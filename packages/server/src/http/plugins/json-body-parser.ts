import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../errors.ts';
import { exceedsNestingDepth } from './json-nesting.ts';

/**
 * Deepest nesting of arrays/objects accepted in a JSON body, counting the body itself. Keystone's
 * documents need fewer than ten levels; free-form attributes (a credential's or project's extra
 * properties) get the rest.
 */
export const MAX_JSON_NESTING_DEPTH = 64;

/**
 * application/json bodies: an empty body is "no body", as Keystone treats it; malformed or too deeply
 * nested JSON is a 400 before any route sees it.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim().length === 0) return done(null, undefined);
    if (exceedsNestingDepth(text, MAX_JSON_NESTING_DEPTH)) {
      return done(
        new ValidationError(
          `The request body is nested too deeply (more than ${MAX_JSON_NESTING_DEPTH} levels of arrays and objects).`,
        ),
        undefined,
      );
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new SyntaxError('Malformed JSON'), { statusCode: 400 }), undefined);
    }
  });
}
