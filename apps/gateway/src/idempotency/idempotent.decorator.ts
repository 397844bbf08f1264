import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENT_ROUTE, IdempotentOptions } from './idempotent-options';

/**
 * Honours `Idempotency-Key` on a POST route: the first request runs, a retry with the same key and the
 * same request gets the stored answer with `Idempotent-Replayed: true`.
 */
export function Idempotent(options: IdempotentOptions = {}) {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_ROUTE, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Up to 255 printable ASCII characters, kept 24 hours. A retry with the same key and body gets the ' +
        'first answer again (with Idempotent-Replayed: true); 409 while the first is still running; 422 ' +
        'for the same key with another body.',
    }),
  );
}
