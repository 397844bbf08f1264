import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Module, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IsString } from 'class-validator';
import { Public } from '../../apps/gateway/src/auth/auth.decorators';
import { GatewayError } from '../../apps/gateway/src/errors/gateway-error';
import { Idempotent } from '../../apps/gateway/src/idempotency/idempotent.decorator';
import { IdempotentExecution } from '../../apps/gateway/src/idempotency/idempotent-execution';
import { BootedGateway, bootGateway } from '../gateway/support/boot-gateway';

class NoteDto {
  @IsString() note!: string;
}

/** Runs of each handler, and a gate that holds `slow` requests until the test opens it. */
const runs: Record<string, number> = {};
const count = (name: string) => (runs[name] = (runs[name] ?? 0) + 1);
let openGate: () => void = () => undefined;
let gate = Promise.resolve();
let arrived: () => void = () => undefined;

@Public()
@Controller('test/idempotent/:owner')
class IdempotentProbeController {
  @Post('echo')
  @Idempotent({ customerParam: 'owner' })
  echo(@Body() dto: NoteDto) {
    return { run: count('echo'), note: dto.note };
  }

  @Post('accepted')
  @HttpCode(202)
  @Idempotent({ customerParam: 'owner' })
  accepted(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('Location', '/v1/things/42').header('X-Unrelated', 'not replayed');
    return { run: count('accepted') };
  }

  @Post('fails-after-commit')
  @Idempotent({ customerParam: 'owner' })
  failsAfterCommit(@Param('owner') owner: string): never {
    const run = count(`commit-${owner}`);
    IdempotentExecution.markCommitted();
    throw new GatewayError(502, 'upstream_unavailable', `upstream failed on run ${run}`, {
      headers: { 'Retry-After': '5' },
    });
  }

  @Post('crashes-after-commit')
  @Idempotent({ customerParam: 'owner' })
  crashesAfterCommit(): never {
    count('crash');
    IdempotentExecution.markCommitted();
    throw new Error('a bug after the purchase was paid');
  }

  @Post('fails-early')
  @Idempotent({ customerParam: 'owner' })
  failsEarly(@Param('owner') owner: string): never {
    const run = count(`early-${owner}`);
    throw new GatewayError(503, 'upstream_busy', `no upstream budget on run ${run}`);
  }

  @Post('slow')
  @Idempotent({ customerParam: 'owner' })
  async slow() {
    arrived();
    await gate;
    return { run: count('slow') };
  }
}

@Module({ controllers: [IdempotentProbeController] })
class IdempotentProbeModule {}

describe('@Idempotent() routes (e2e)', () => {
  let gateway: BootedGateway;
  const call = (route: string, key: string, payload: object = {}, owner = randomUUID()) =>
    gateway.inject({
      method: 'POST',
      url: `/v1/test/idempotent/${owner}/${route}`,
      headers: { 'idempotency-key': key, 'content-type': 'application/json' },
      payload,
    });

  beforeAll(async () => {
    gateway = await bootGateway({ imports: [IdempotentProbeModule] });
  });
  afterAll(() => gateway.app.close());

  it('replays the status and the Location of the first answer, not unrelated headers', async () => {
    const owner = randomUUID();
    const first = await call('accepted', 'k1', {}, owner);
    const retry = await call('accepted', 'k1', {}, owner);
    expect(first.statusCode).toBe(202);
    expect(retry.statusCode).toBe(202);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers.location).toBe('/v1/things/42');
    expect(retry.headers['x-unrelated']).toBeUndefined();
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('stores an error answered after the handler committed, and replays it', async () => {
    const owner = randomUUID();
    const first = await call('fails-after-commit', 'k2', {}, owner);
    const retry = await call('fails-after-commit', 'k2', {}, owner);
    expect(first.statusCode).toBe(502);
    expect(first.json()).toMatchObject({ type: 'upstream_unavailable', message: 'upstream failed on run 1' });
    expect(retry.statusCode).toBe(502);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['retry-after']).toBe('5');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(runs[`commit-${owner}`]).toBe(1);
  });

  it('replays even an unexpected error once the handler committed, never re-running it', async () => {
    const owner = randomUUID();
    const first = await call('crashes-after-commit', 'k3', {}, owner);
    const runsBefore = runs.crash;
    const retry = await call('crashes-after-commit', 'k3', {}, owner);
    expect(first.statusCode).toBe(500);
    expect(retry.statusCode).toBe(500);
    expect(retry.json()).toEqual(first.json());
    expect(JSON.stringify(retry.json())).not.toContain('a bug after');
    expect(runs.crash).toBe(runsBefore);
  });

  it('forgets the key when the handler failed before committing anything', async () => {
    const owner = randomUUID();
    const first = await call('fails-early', 'k4', {}, owner);
    const retry = await call('fails-early', 'k4', {}, owner);
    expect(first.json().message).toBe('no upstream budget on run 1');
    expect(retry.json().message).toBe('no upstream budget on run 2');
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets the key of a request that failed validation', async () => {
    const owner = randomUUID();
    expect((await call('echo', 'k5', { note: 7 }, owner)).statusCode).toBe(422);
    const corrected = await call('echo', 'k5', { note: 'seven' }, owner);
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({ note: 'seven' });
  });

  it('answers 409 while the first request runs, then replays its answer', async () => {
    const owner = randomUUID();
    gate = new Promise((resolve) => (openGate = resolve));
    const running = new Promise<void>((resolve) => (arrived = resolve));
    const first = call('slow', 'k6', {}, owner);
    await running;
    const second = await call('slow', 'k6', {}, owner);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ type: 'idempotency_conflict' });
    openGate();
    const firstAnswer = await first;
    const third = await call('slow', 'k6', {}, owner);
    expect(third.statusCode).toBe(201);
    expect(third.json()).toEqual(firstAnswer.json());
    expect(third.headers['idempotent-replayed']).toBe('true');
  });
});
