/**
 * Counters of attempts in memory, for the limits on guessing sign-in codes and passwords. One server
 * process holds them; a restart forgets them, which only helps whoever was waiting. Each table keeps
 * at most `maxKeys` keys and forgets the oldest first, so a flood of new keys cannot exhaust memory.
 * Times are passed in (`now`), so the rules are tested without a clock.
 */

/** Counts per key in a window that opens with the key's first count. */
export class WindowCounts {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  count(key: string, now: number): number {
    const entry = this.entries.get(key);
    return entry && entry.resetAt > now ? entry.count : 0;
  }

  /** Adds `n` (negative to take back a count) and returns the key's count in its window. */
  add(key: string, now: number, n = 1): number {
    let entry = this.entries.get(key);
    if (!entry || entry.resetAt <= now) {
      this.entries.delete(key);
      // Windows are all as long, so insertion order is expiry order: the oldest go first.
      for (const [oldest, { resetAt }] of this.entries) {
        if (resetAt > now && this.entries.size < this.maxKeys) break;
        this.entries.delete(oldest);
      }
      entry = { count: 0, resetAt: now + this.windowMs };
      this.entries.set(key, entry);
    }
    entry.count = Math.max(0, entry.count + n);
    return entry.count;
  }

  /** Milliseconds until the key's window closes (0 when it has none). */
  msUntilReset(key: string, now: number): number {
    const entry = this.entries.get(key);
    return entry && entry.resetAt > now ? entry.resetAt - now : 0;
  }
}

/**
 * Consecutive failures per key: the first `free` cost nothing, then each further try must wait
 * twice as long as the one before (firstWaitMs, 2×, 4× … up to maxWaitMs). A success clears the
 * key; a key without a failure for `forgetAfterMs` (longer than maxWaitMs) is forgotten.
 */
export class Backoff {
  private readonly entries = new Map<string, { failures: number; lastAt: number }>();

  constructor(
    private readonly rule: { free: number; firstWaitMs: number; maxWaitMs: number; forgetAfterMs: number },
    private readonly maxKeys = 100_000,
  ) {}

  /** How long the key must still wait before its next try (0: it may try now). */
  waitMs(key: string, now: number): number {
    const entry = this.live(key, now);
    if (!entry || entry.failures < this.rule.free) return 0;
    const wait = Math.min(this.rule.firstWaitMs * 2 ** (entry.failures - this.rule.free), this.rule.maxWaitMs);
    return Math.max(0, entry.lastAt + wait - now);
  }

  /**
   * Counts a failure. Callers count a try as failed before they know (and clear it on success),
   * so that tries sent at once cannot all pass the wait together.
   */
  fail(key: string, now: number): void {
    const failures = (this.live(key, now)?.failures ?? 0) + 1;
    this.entries.delete(key);
    for (const [oldest, { lastAt }] of this.entries) {
      if (lastAt + this.rule.forgetAfterMs > now && this.entries.size < this.maxKeys) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { failures, lastAt: now });
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string, now: number) {
    const entry = this.entries.get(key);
    if (entry && entry.lastAt + this.rule.forgetAfterMs <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
