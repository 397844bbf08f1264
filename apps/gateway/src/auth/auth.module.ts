import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GatewayConfig } from '../config/gateway-config';
import { ApiKeyGuard } from './api-key.guard';
import { AuthSettings } from './auth-settings';
import { KeyUsageRecorder } from './key-usage.recorder';
import { KeyVerifier } from './key-verifier.service';

@Module({
  providers: [
    { provide: AuthSettings, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => config.auth },
    KeyVerifier,
    KeyUsageRecorder,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [AuthSettings, KeyVerifier, KeyUsageRecorder],
})
export class AuthModule {}
