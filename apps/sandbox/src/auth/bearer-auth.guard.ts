import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../common/sandbox-error';
import { SANDBOX_OPTIONS } from '../sandbox-state.module';
import type { SandboxOptions } from '../sandbox-options';

/** `Authorization: Bearer <token>` with the sandbox's token, else StreamSkill's 401 body. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(@Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match || match[1] !== this.options.token) throw unauthorized();
    return true;
  }
}
