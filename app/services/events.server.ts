/**
 * Live updates for the console, the tablets and the big screen: a change in a session (check-in,
 * ballot, round state) is announced here after its transaction commits; the session's live feed
 * (services/live-feed.server.ts) computes the new state once and sends it to every stream.
 *
 * On SQLite the server is one process and the bus is an in-process EventEmitter. On PostgreSQL
 * several app processes may serve one database behind a proxy (docs/deployment/README.md): an
 * announcement is told to this process's listeners at once and sent to the others with NOTIFY,
 * coalesced, over one LISTEN connection per process (data/session-notify-postgres.server.ts);
 * what the others announce arrives here the same way. Same API on either engine.
 */
import { EventEmitter } from "node:events";
import { postgresSessionNotifier, type SessionNotifier } from "~/data/session-notify-postgres.server";
import { appEngine, heldConnection } from "~/data/sqlite.server";
import { env } from "~/utils/env.server";

const bus = new EventEmitter().setMaxListeners(0);

function tell(sessionId: number) {
  bus.emit(`session:${sessionId}`);
}

let engine: "sqlite" | "postgresql" | undefined;

/** This process's end of the bus between processes; none on SQLite. Closed by closeDatabase(). */
function notifier(): SessionNotifier | null {
  engine ??= appEngine();
  if (engine !== "postgresql") return null;
  return heldConnection("session-bus", () =>
    postgresSessionNotifier({
      url: env().DATABASE_URL,
      changed: tell,
      // Back after a break: what the others announced meanwhile is lost, so every followed session is news.
      missed: () => {
        for (const name of bus.eventNames()) bus.emit(name);
      },
    }),
  );
}

export function announceSessionChange(sessionId: number): void {
  tell(sessionId);
  notifier()?.announce(sessionId);
}

export function onSessionChange(sessionId: number, listener: () => void): () => void {
  const name = `session:${sessionId}`;
  notifier(); // on PostgreSQL: listening before anyone needs to hear
  bus.on(name, listener);
  return () => bus.off(name, listener);
}

/** Listeners on the bus now, over all sessions: back to 0 once every live stream has closed. */
export function sessionListenerCount(): number {
  return bus.eventNames().reduce((sum, name) => sum + bus.listenerCount(name), 0);
}

/** The bus between processes (PostgreSQL): its connection's backend pid and counts; null on SQLite. */
export function sessionBusStats() {
  return notifier()?.stats() ?? null;
}

/** Resolves once this process listens for the other processes' announcements (at once on SQLite). */
export async function sessionBusReady(): Promise<void> {
  await notifier()?.ready();
}
