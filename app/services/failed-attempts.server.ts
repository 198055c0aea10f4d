/**
 * Failed sign-ins and logins in the audit log, without letting a flood fill it (issue 19: 1,200
 * guesses from 8 addresses in 5 s had written 1,200 entries). Within a minute, the first failure of
 * each kind from an address is an entry of its own, written at once, as before; the ones after it
 * are counted, and logged as one entry with their count when the minute is over. Only the first 50
 * addresses of a minute get entries of their own: the failures from any further addresses become
 * one entry per kind. So a minute adds at most about a hundred entries, whatever arrives.
 *
 * Counts still waiting when the server stops are lost (at most the last minute's repeats).
 */
import { appendAudit } from "~/data/audit.server";
import { inTransaction } from "~/data/transaction.server";
import { consoleMessages } from "~/messages/console";

export interface FailedAttempt {
  action: "deputy.sign-in" | "staff.login" | "proposal.submit";
  /** Why it failed, in the log's words ("invalid code", "too many attempts" …). */
  reason: string;
  /** The client's address and user agent (auth.server's deviceOf): the address comes first. */
  device: string;
}

/** Where the failures of addresses beyond the minute's first 50 are logged. */
export const OTHER_ADDRESSES = consoleMessages.audit.otherAddresses;

interface Tally {
  attempt: FailedAttempt;
  repeated: number;
}

export class FailedAttemptLog {
  private windowStart = 0;
  private windowEnd = -Infinity;
  private own = new Map<string, Tally>();
  private others = new Map<string, Tally>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly windowMs = 60_000,
    private readonly ownPerWindow = 50,
    private readonly clock: () => number = Date.now,
  ) {}

  async record(attempt: FailedAttempt): Promise<void> {
    const now = this.clock();
    const previous = now >= this.windowEnd ? this.flush() : null;
    if (previous) {
      this.windowStart = now;
      this.windowEnd = now + this.windowMs;
    }
    const address = attempt.device.split(" ", 1)[0]!;
    const key = `${attempt.action}\n${attempt.reason}\n${address}`;
    const seen = this.own.get(key);
    if (!seen && this.own.size < this.ownPerWindow) {
      this.own.set(key, { attempt, repeated: 0 });
      await write([{ ...attempt, detail: { reason: attempt.reason } }]);
    } else {
      if (seen) seen.repeated++;
      else {
        const kind = `${attempt.action}\n${attempt.reason}`;
        const other = this.others.get(kind) ?? { attempt: { ...attempt, device: OTHER_ADDRESSES }, repeated: 0 };
        other.repeated++;
        this.others.set(kind, other);
      }
      // Counted, not yet logged: logged when the window closes, even if nothing else arrives.
      this.timer ??= setTimeout(() => void this.flush().catch((error) => console.error("failed-attempt log:", error)), this.windowEnd - now);
      this.timer.unref();
    }
    await previous;
  }

  /** Logs the counts of the window so far, one entry per address and kind, and starts afresh. */
  async flush(): Promise<void> {
    const tallies = [...this.own.values(), ...this.others.values()].filter((tally) => tally.repeated > 0);
    const window = { from: this.windowStart, to: Math.min(this.clock(), this.windowEnd) };
    this.own = new Map();
    this.others = new Map();
    this.windowEnd = -Infinity;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!tallies.length) return;
    const from = new Date(window.from).toISOString();
    const to = new Date(window.to).toISOString();
    await write(tallies.map(({ attempt, repeated }) => ({ ...attempt, detail: { reason: attempt.reason, repeated, from, to } })));
  }
}

async function write(entries: Array<FailedAttempt & { detail: Record<string, unknown> }>): Promise<void> {
  await inTransaction(async (tx) => {
    for (const { action, device, detail } of entries) await appendAudit(tx, { actor: "anonymous", device, action, outcome: "refused", detail });
  });
}

/** The server's log of failed attempts (one per process; only the Remix actions write to it). */
export const failedAttempts = new FailedAttemptLog();
