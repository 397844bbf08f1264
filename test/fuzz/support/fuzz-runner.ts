import fc from 'fast-check';
import type { GatewayHarness } from '../../support/gateway-harness';
import { answerProblems } from './answer-checks';
import { FuzzWorld, validParamsFor } from './fuzz-world';
import { HostileRequest, hostileRequests } from './hostile-request';
import type { FuzzOperation } from './openapi-operations';
import { sendRaw } from './raw-http';
import { changedParts, StateProbe } from './state-fingerprint';

export interface FuzzSettings {
  runs: number;
  seed?: number;
}

/** Sends each operation's hostile requests and keeps what the run saw: answers and statuses. */
export class FuzzRunner {
  /** Every answer body of the run, for the search for secrets. */
  readonly answerTexts: string[] = [];
  readonly statuses = new Map<number, number>();

  constructor(
    private readonly gw: GatewayHarness,
    private readonly state: StateProbe,
    private readonly world: FuzzWorld,
    private readonly settings: FuzzSettings,
  ) {}

  /** The failures of one operation, each naming the request and how to replay it. */
  async fuzz(op: FuzzOperation): Promise<string[]> {
    const label = `${op.method} ${op.template}`;
    const batchBefore = await this.state.fingerprint();
    const requests = hostileRequests(op, this.world.keys, validParamsFor(op, this.world));
    const property = fc.asyncProperty(requests, async (request) => {
      const before = op.method === 'GET' ? batchBefore : await this.state.fingerprint();
      const problems = await this.problemsOf(op, request, before);
      if (problems.length === 0) return;
      const defects = request.defects.join(', ') || 'none';
      throw new Error(`${label} [${defects}] ${request.path.slice(0, 300)}: ${problems.join('; ')}`);
    });
    const { runs: numRuns, seed } = this.settings;
    const details = await fc.check(property, { numRuns, seed, endOnFailure: true });
    if (details.failed) {
      const message = (details.errorInstance as Error | null)?.message ?? String(details.errorInstance);
      return [`${message.slice(0, 800)} (replay: FUZZ_SEED=${details.seed} FUZZ_ONLY='${label}')`];
    }
    const changed = changedParts(batchBefore, await this.state.fingerprint());
    return changed.length ? [`${label}: its requests changed ${changed.join(', ')}`] : [];
  }

  /** Sends one request and lists what is wrong with the answer and with the state after it. */
  private async problemsOf(op: FuzzOperation, request: HostileRequest, before: Record<string, string>) {
    const answer = await sendRaw(this.gw.url, request);
    this.answerTexts.push(answer.text);
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    const problems = answerProblems(answer, op.documented, request.defects.length === 0);
    if (answer.status >= 500) problems.push(`logged: ${this.loggedFailure(answer.headers['x-request-id'])}`);
    if (op.method !== 'GET' && answer.status >= 400) {
      const changed = changedParts(before, await this.state.fingerprint());
      if (changed.length) problems.push(`the refused request changed ${changed.join(', ')}`);
    }
    return problems;
  }

  /** The error the gateway logged for a 5xx, to say what broke. */
  private loggedFailure(requestId: unknown): string {
    const line = this.gw.logs.find((entry) => entry.includes(String(requestId)) && entry.includes('"err"'));
    return line ? (JSON.parse(line).err?.message ?? line).slice(0, 300) : 'nothing';
  }
}
