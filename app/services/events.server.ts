/**
 * Live updates for the console, the tablets and the big screen: a change in a session (check-in,
 * ballot, round state) is announced here after its transaction commits; the session's live feed
 * (services/live-feed.server.ts) computes the new state once and sends it to every stream.
 */
import { EventEmitter } from "node:events";

const bus = new EventEmitter().setMaxListeners(0);

export function announceSessionChange(sessionId: number): void {
  bus.emit(`session:${sessionId}`);
}

export function onSessionChange(sessionId: number, listener: () => void): () => void {
  const name = `session:${sessionId}`;
  bus.on(name, listener);
  return () => bus.off(name, listener);
}

/** Listeners on the bus now, over all sessions: back to 0 once every live stream has closed. */
export function sessionListenerCount(): number {
  return bus.eventNames().reduce((sum, name) => sum + bus.listenerCount(name), 0);
}
