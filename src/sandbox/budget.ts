/** How much a sandbox keeps of what clients create. */
export interface StoreLimits {
  /** Request-body bytes of the records kept (default 32 MiB). */
  maxBytes: number;
  /** Records kept (default 10,000). */
  maxRecords: number;
}

/** The default bound: a long load test keeps the sandbox near 100 MB instead of growing without end. */
export const DEFAULT_STORE_LIMITS: StoreLimits = { maxBytes: 32 * 1024 * 1024, maxRecords: 10_000 };

/**
 * Charges each record clients create by the size of the request that made it and, past the limits, forgets
 * the oldest ones first (seeded records are never charged, so never forgotten).
 */
export class Budget {
  private readonly ledger: { bytes: number; evict: () => void }[] = [];
  private head = 0;
  private bytes = 0;

  constructor(private readonly limits: StoreLimits) {}

  /** Records one created record and evicts the oldest ones while the limits are exceeded. */
  charge(bytes: number, evict: () => void): void {
    this.ledger.push({ bytes, evict });
    this.bytes += bytes;
    while (this.records > 1 && (this.bytes > this.limits.maxBytes || this.records > this.limits.maxRecords)) {
      const oldest = this.ledger[this.head++];
      this.bytes -= oldest.bytes;
      oldest.evict();
    }
    // Drop the consumed prefix now and then rather than shifting the array on every eviction.
    if (this.head > 1024 && this.head * 2 > this.ledger.length) {
      this.ledger.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Records currently kept. */
  get records(): number {
    return this.ledger.length - this.head;
  }

  /** Bytes currently charged. */
  get charged(): number {
    return this.bytes;
  }
}
