import type { FastifyInstance } from 'fastify';
import { badRequest } from '../common/sandbox-error';

/**
 * Replaces Fastify's JSON parser so that an empty body is simply "no body" (clients send
 * `Content-Type: application/json` on body-less actions such as start) and invalid JSON gets
 * StreamSkill's 400 envelope.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(badRequest('Invalid JSON data in request body: Syntax error.'), undefined);
    }
  });
}
