import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayError } from '../errors/gateway-error';

/**
 * The gateway's only body parser (Nest's are off; anything but JSON gets 415). It keeps Fastify's
 * prototype-poisoning checks, answers malformed JSON with a plain message, and reads an empty body
 * as no body: StreamSkill clients send `Content-Type: application/json` on body-less actions.
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
      parseJson(request, text, (error, value) =>
        error
          ? done(new GatewayError(400, 'bad_request_http_exception', 'Malformed JSON body'))
          : done(null, value),
      );
    },
  );
}
