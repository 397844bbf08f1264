import { KeyRecord } from './key-record';

interface Entry {
  record: KeyRecord | null;
  expiresAt: number;
}

/**
 * Key rows cached for a short time so that verification costs no database round trip per request.
 * The TTL bounds how long a revoke made on another instance can go unnoticed. Unknown ids are cached
 * too (as null) so that guessing keys cannot hammer the database.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(publicId: string): KeyRecord | null | undefined {
    const entry = this.entries.get(publicId);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(publicId);
      return undefined;
    }
    return entry.record;
  }

  set(publicId: string, record: KeyRecord | null): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(publicId, { record, expiresAt: this.now() + this.ttlMs });
  }

  delete(publicId: string): void {
    this.entries.delete(publicId);
  }

  clear(): void {
    this.entries.clear();
  }
}
