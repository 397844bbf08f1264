/** Requests seen per endpoint (method + route template), for GET /__sandbox/state. */
export class RequestCounters {
  private byEndpoint: Record<string, number> = {};
  private total = 0;

  record(endpoint: string): void {
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
    this.total += 1;
  }

  snapshot(): { total: number; byEndpoint: Record<string, number> } {
    return { total: this.total, byEndpoint: { ...this.byEndpoint } };
  }

  reset(): void {
    this.byEndpoint = {};
    this.total = 0;
  }
}
