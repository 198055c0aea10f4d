/**
 * Live updates for the console and the big screen: a change in a session (check-in, ballot, round
 * state) is announced here after its transaction commits; subscribers (server-sent event streams)
 * fetch the new state themselves, throttled, so a burst of ballots costs one query per screen.
 */
import { EventEmitter } from "node:events";

// One bus per process: the server's direct ballot path and the Remix bundle load this module
// separately, and both must reach the same listeners.
const holder = globalThis as unknown as { sessionEvents?: EventEmitter };
const bus = (holder.sessionEvents ??= new EventEmitter().setMaxListeners(0));

export function announceSessionChange(sessionId: number): void {
  bus.emit(`session:${sessionId}`);
}

export function onSessionChange(sessionId: number, listener: () => void): () => void {
  const name = `session:${sessionId}`;
  bus.on(name, listener);
  return () => bus.off(name, listener);
}
