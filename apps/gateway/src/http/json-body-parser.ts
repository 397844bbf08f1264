import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayError, validationFailed } from '../errors/gateway-error';
import { jsonBodyProblem, MAX_JSON_DEPTH } from './json-body-shape';

/**
 * The gateway's only body parser (Nest's are off; anything but JSON gets 415). It keeps Fastify's
 * prototype-poisoning checks, answers malformed JSON with a plain message, refuses what validation
 * cannot handle (see json-body-shape.ts), and reads an empty body as no body: StreamSkill clients
 * send `Content-Type: application/json` on body-less actions.
 */
export function registerJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (request, body, done) => {
      const text = body.toString();
      if (text === '') return done(null, undefined);
      parseJson(request, text, (error, value) => {
        if (error) return done(new GatewayError(400, 'bad_request_http_exception', 'Malformed JSON body'));
        const problem = jsonBodyProblem(value);
        if (problem?.kind === 'too_deep') {
          const message = `JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`;
          return done(new GatewayError(400, 'bad_request_http_exception', message));
        }
        if (problem?.kind === 'reserved_key') {
          return done(validationFailed({ [problem.path]: [`property ${problem.path} should not exist`] }));
        }
        if (problem?.kind === 'nul_character') {
          return done(
            validationFailed({ [problem.path]: [`${problem.path} must not contain NUL characters`] }),
          );
        }
        done(null, value);
      });
    },
  );
}
