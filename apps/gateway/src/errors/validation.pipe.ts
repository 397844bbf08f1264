import { ValidationPipe } from '@nestjs/common';
import { toFieldErrors } from '@app/common';
import { validationFailed } from './gateway-error';

/** Unknown fields are rejected, not dropped silently; failures become StreamSkill's 422 with field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(toFieldErrors(errors)),
  });
}
