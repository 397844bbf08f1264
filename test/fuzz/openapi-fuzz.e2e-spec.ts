import pg from 'pg';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { KeyUsageRecorder } from '../../apps/gateway/src/auth/key-usage.recorder';
import { GatewayHarness, startGateway, TEST_PEPPER } from '../support/gateway-harness';
import { registeredRoutes } from '../support/routes';
import { buildFuzzWorld, FuzzWorld } from './support/fuzz-world';
import { FuzzRunner } from './support/fuzz-runner';
import { FuzzOperation, fuzzOperations, OpenApiDocument } from './support/openapi-operations';
import { changedParts, StateProbe } from './support/state-fingerprint';
import { reportFigures } from '../support/figures';

/** Requests per operation: FUZZ_RUNS=1000 for a long run, FUZZ_SEED (+ FUZZ_ONLY) to replay a failure. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** One operation only, e.g. FUZZ_ONLY='POST /v1/quotes'. */
const ONLY = process.env.FUZZ_ONLY;

/**
 * Every operation of the gateway's own OpenAPI document gets hostile requests built from its schema
 * (support/request-defects.ts, support/body-defects.ts): each is answered in the error envelope with
 * the security headers, never with a 5xx, a stack or an internal message, never left hanging, and no
 * refused request changes any table or the sandbox (audit rows excepted: refusals are audited).
 */
describe('hostile requests on every documented operation', () => {
  let gw: GatewayHarness;
  let db: pg.Client;
  let state: StateProbe;
  let world: FuzzWorld;
  let operations: FuzzOperation[];
  let document: OpenApiDocument;
  let runner: FuzzRunner;

  beforeAll(async () => {
    gw = await startGateway({ env: { BACKGROUND_JOBS_ENABLED: 'false', LOG_LEVEL: 'trace' } });
    db = new pg.Client({ connectionString: gw.databaseUrl });
    await db.connect();
    state = new StateProbe(db, new SandboxControl(gw.sandbox));
    world = await buildFuzzWorld(gw);
    const served = await gw.call('GET', '/docs-json');
    expect(served.status).toBe(200);
    document = served.body;
    operations = fuzzOperations(document, registeredRoutes(gw.app));
    runner = new FuzzRunner(gw, state, world, { runs: RUNS, seed: SEED });
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await gw?.close();
  });

  it('finds every registered route in the OpenAPI document', () => {
    expect(operations.length).toBe(registeredRoutes(gw.app).length);
    expect(new Set(operations.map((op) => op.kind))).toEqual(new Set(['public', 'admin', 'customer']));
  });

  it('would stop on a route left out of the document, or on a document without operations', () => {
    const routes = registeredRoutes(gw.app);
    const { '/v1/account': _left, ...paths } = document.paths;
    expect(() => fuzzOperations({ ...document, paths }, routes)).toThrow(
      'missing from the OpenAPI document: GET /v1/account',
    );
    expect(() => fuzzOperations({ paths: {} }, [])).toThrow('lists no operation');
  });

  it('notices a write in its state fingerprint (the state check itself works)', async () => {
    const before = await state.fingerprint();
    const credit = { type: 'credit', amount: '0.01', reason: 'state check' };
    const answer = await gw.call('POST', `/v1/admin/customers/${world.customerId}/ledger`, {
      key: gw.adminKey,
      body: credit,
    });
    expect(answer.status).toBe(201);
    expect(changedParts(before, await state.fingerprint())).toEqual(
      expect.arrayContaining(['balances', 'ledger_entries']),
    );
  });

  it('refuses every hostile request in the envelope, without a 5xx, a leak, a hang or a write', async () => {
    const started = Date.now();
    const failures: string[] = [];
    for (const op of operations.filter((o) => !ONLY || `${o.method} ${o.template}` === ONLY)) {
      failures.push(...(await runner.fuzz(op)));
    }
    const { statuses } = runner;
    const requests = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    const seconds = Math.round((Date.now() - started) / 1000);
    reportFigures(
      `${operations.length} operations, ${requests} requests in ${seconds} s, by status: ` +
        JSON.stringify(Object.fromEntries(statuses)),
    );
    expect(failures).toEqual([]);
    // The defects reached every layer: router, guard, parser, validation, Node's HTTP parser.
    if (!ONLY)
      expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 401, 403, 404, 413, 415, 422, 431]));
  }, 600_000);

  it('never shows a key secret, the pepper or the master token, in an answer or a log line', async () => {
    await gw.app.get(KeyUsageRecorder).flush();
    const { answerTexts } = runner;
    expect(answerTexts.length).toBeGreaterThan(operations.length);
    const secrets = {
      'admin key': gw.adminKey.split('_')[2],
      'customer key': world.keys.customer.split('_')[2],
      pepper: TEST_PEPPER,
      'master token': gw.env.STREAMSKILL_API_TOKEN!,
    };
    const logs = gw.logs.join('\n');
    const answers = answerTexts.join('\n');
    // The logs did record the run, wrong keys included: the search below is not vacuous.
    expect(logs).toContain('/v1/admin/customers');
    for (const [name, secret] of Object.entries(secrets)) {
      expect({ name, inLogs: logs.includes(secret), inAnswers: answers.includes(secret) }).toEqual({
        name,
        inLogs: false,
        inAnswers: false,
      });
    }
  });
});
