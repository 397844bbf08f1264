import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GatewayExceptionFilter } from './gateway-exception.filter';
import { createValidationPipe } from './validation.pipe';

/** The global exception filter and the global validation pipe. */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: GatewayExceptionFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class ErrorsModule {}
