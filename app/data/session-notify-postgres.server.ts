/**
 * The session-event bus between app processes on one PostgreSQL database (issue 17): a change that
 * one process committed (a ballot, a check-in, a round opened) must move the big screen, the console
 * and the tablets that another process behind the same proxy serves.
 *
 * One `pg` connection per process, of its own (a LISTEN belongs to its connection: it cannot live in
 * Prisma's pool or behind a pgBouncer in transaction mode). It LISTENs on one channel and sends the
 * process's own announcements on it too, coalesced: the sessions announced within COALESCE_MS go out
 * in one statement, each session once, however many ballots arrived meanwhile (a hall's storm is one
 * NOTIFY per session per few milliseconds per process, not one per ballot). The process's own
 * notifications come back to it; they are recognised by the connection's backend pid and dropped,
 * since events.server.ts has already told its own listeners.
 *
 * When the connection breaks (a restart, a failover, pg_terminate_backend) it is opened again with
 * a back-off, LISTENs again, and then tells `missed` to announce every session it has listeners for:
 * a notification sent while it was away is lost, and a feed that computes its snapshot once too often
 * costs little. Announcements made while it is away wait and go out once it is back.
 */
import pg from "pg";

/** The channel every process of one database LISTENs on. */
export const SESSION_CHANNEL = "session_change";

/** How long announcements gather before they go out as one statement. */
export const COALESCE_MS = 5;

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

export interface SessionNotifierOptions {
  url: string;
  /** A session changed in another process. */
  changed(sessionId: number): void;
  /** The connection was (re)opened after a break: announce every session this process follows. */
  missed(): void;
}

export interface SessionNotifier {
  /** Sends `sessionId` to every process (itself excepted), coalesced. */
  announce(sessionId: number): void;
  /** Resolves once the connection is listening (tests; the app never waits for it). */
  ready(): Promise<void>;
  stats(): { backendPid: number | null; connects: number; notifies: number; received: number };
  close(): Promise<void>;
}

export function postgresSessionNotifier(options: SessionNotifierOptions): SessionNotifier {
  let client: pg.Client | null = null;
  let backendPid: number | null = null;
  let listening: Promise<void> | null = null;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let sending = false;
  const pending = new Set<number>();
  const counts = { connects: 0, notifies: 0, received: 0 };
  let waiters: Array<() => void> = [];

  function connect() {
    retryTimer = null;
    if (closed) return;
    const connection = new pg.Client({ connectionString: options.url, application_name: "minsheng-session-bus", keepAlive: true });
    client = connection;
    let broken = false;
    const lost = () => {
      if (broken) return;
      broken = true;
      if (client === connection) {
        client = null;
        backendPid = null;
        listening = null;
      }
      void connection.end().catch(() => {});
      if (!closed) {
        retryTimer = setTimeout(connect, retryMs);
        retryTimer.unref();
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    };
    connection.on("error", lost);
    connection.on("end", lost);
    connection.on("notification", (message) => {
      if (message.channel !== SESSION_CHANNEL || message.processId === backendPid) return;
      const sessionId = Number(message.payload);
      if (!Number.isSafeInteger(sessionId)) return;
      counts.received += 1;
      options.changed(sessionId);
    });
    listening = (async () => {
      await connection.connect();
      await connection.query(`LISTEN ${SESSION_CHANNEL}`);
      const { rows } = await connection.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      if (closed || client !== connection) return;
      backendPid = rows[0]!.pid;
      counts.connects += 1;
      retryMs = FIRST_RETRY_MS;
      for (const resolve of waiters) resolve();
      waiters = [];
      // Also on the first connection: a feed may have joined before the LISTEN was in place.
      options.missed();
      schedule();
    })();
    listening.catch(lost);
  }

  function schedule() {
    if (flushTimer || sending || pending.size === 0) return;
    flushTimer = setTimeout(() => void flush(), COALESCE_MS);
  }

  async function flush() {
    flushTimer = null;
    const connection = client;
    if (!connection || backendPid === null || pending.size === 0) return; // sent once the connection is back
    const sessions = [...pending];
    pending.clear();
    sending = true;
    try {
      await connection.query(`SELECT pg_notify($1, s::text) FROM unnest($2::int[]) AS s`, [SESSION_CHANNEL, sessions]);
      counts.notifies += 1;
    } catch {
      // The connection broke under it: send them again once it is back.
      for (const sessionId of sessions) pending.add(sessionId);
    } finally {
      sending = false;
    }
    schedule();
  }

  connect();

  return {
    announce(sessionId) {
      if (closed) return;
      pending.add(sessionId);
      schedule();
    },
    ready() {
      if (backendPid !== null) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    stats: () => ({ backendPid, ...counts }),
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      // What was announced but not yet sent goes out before the connection closes.
      if (client && backendPid !== null && pending.size) await flush().catch(() => {});
      const connection = client;
      client = null;
      backendPid = null;
      for (const resolve of waiters) resolve();
      waiters = [];
      await listening?.catch(() => {});
      await connection?.end().catch(() => {});
    },
  };
}
