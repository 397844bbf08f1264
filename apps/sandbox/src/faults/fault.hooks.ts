import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorForStatus } from '../common/sandbox-error';
import { isControlPath, pathOf } from '../http/control-paths';
import type { FaultStore } from './fault-store';
import type { FaultPlan } from './fault.types';
import type { HeldConnections } from './held-connections';

/** Applies the fault plan of each request: before the handler (preHandler) and on its answer (onSend). */
export class FaultHooks {
  private readonly plans = new WeakMap<FastifyRequest, FaultPlan>();

  constructor(
    private readonly faults: FaultStore,
    private readonly held: HeldConnections,
  ) {}

  readonly beforeHandler = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | void> => {
    if (isControlPath(request.url)) return;
    const plan = this.faults.plan(request.method, pathOf(request.url));
    this.plans.set(request, plan);
    if (plan.latencyMs > 0) {
      this.faults.count('latency');
      await sleep(plan.latencyMs);
    }
    if (plan.resetBeforeRecord) {
      this.faults.count('resetBeforeRecord');
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (plan.timeout) {
      this.faults.count('timeout');
      reply.hijack();
      this.held.hold(request.raw.socket);
      return reply;
    }
    if (plan.errorStatus !== null) {
      this.faults.countError(plan.errorStatus);
      const error = errorForStatus(plan.errorStatus);
      return reply.code(error.status).send(error.envelope);
    }
  };

  readonly onSend = async (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
  ): Promise<unknown> => {
    const plan = this.plans.get(request);
    if (!plan || plan.errorStatus !== null) return payload;
    if (plan.resetAfterRecord) {
      this.faults.count('resetAfterRecord');
      // The handler has run (purchase recorded, balance charged); the client never hears about it.
      request.raw.socket.destroy();
      return payload;
    }
    if (plan.malformedJson) {
      this.faults.count('malformedJson');
      void reply.code(200).header('content-type', 'application/json; charset=UTF-8');
      return truncate(typeof payload === 'string' ? payload : JSON.stringify(payload ?? {}));
    }
    return payload;
  };
}

/** Cuts the JSON in half and leaves a dangling key, so no JSON parser accepts it. */
function truncate(json: string): string {
  return `${json.slice(0, Math.max(1, Math.floor(json.length / 2)))},"`;
}
