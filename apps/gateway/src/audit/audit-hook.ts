import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { auditEntryFor, isAudited } from './audit-entry.factory';
import { AuditRecorder } from './audit-recorder.service';

/**
 * Records audited requests from Fastify's onSend hook: after the outcome is known, before the answer
 * leaves, so that a caller who got an answer can find its row. Covers every route, registered or not.
 * Registered by the app factory before the server is ready.
 */
@Injectable()
export class AuditHook {
  private readonly logger = new Logger(AuditHook.name);

  constructor(private readonly recorder: AuditRecorder) {}

  register(fastify: FastifyInstance): void {
    fastify.addHook('onSend', async (request, reply, payload) => {
      try {
        if (isAudited(request, reply)) await this.recorder.record(auditEntryFor(request, reply));
      } catch (error) {
        // The recorder never throws; this guards the answer against a bug in building the entry.
        this.recorder.writeFailures++;
        this.logger.error({ err: error, requestId: request.id }, 'Could not build the audit row');
      }
      return payload;
    });
  }
}
