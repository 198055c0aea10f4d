/**
 * The live feeds behind the server-sent event streams (GET /sessions/:id/events): one feed per
 * session with at least one stream. A change announced on the session bus makes the feed compute
 * the live snapshot ONCE (throttled: at most one computation every 250 ms per session), serialise
 * it once per view, and write the same frame to every stream of that session. A stream that cannot
 * keep up (its socket's buffer is full) skips to the newest frame when it drains: every frame is a
 * whole snapshot, so nothing is lost by skipping.
 *
 * Measured (`npm run bench:live`, 400 tablets of one session following it): with a snapshot per
 * stream, as before, a ballot cost the server 1,033 ms of CPU and took 1.1 s to answer (p50);
 * shared, 18.5 ms and 6 ms — what remains is one socket write per stream (~40 µs each).
 *
 * Limits: streams per session, streams in all, and streams per holder (the credential: one tablet,
 * one staff account, one display link). A holder past its limit replaces its oldest stream, so a
 * tablet whose Wi-Fi dropped does not leave a dead stream counting against the hall until TCP
 * gives up on it (minutes): its reconnect takes the dead stream's place.
 */
import { onSessionChange } from "./events.server";
import { liveSnapshot, type LiveSnapshot } from "./live.server";

const THROTTLE_MS = 250;
const HEARTBEAT_MS = 15_000;

/**
 * What a stream may see. "results": the snapshot as the big screen shows it (results once the
 * round's settings allow them) — the session's clerk, an administrator, the display link.
 * "progress": round state and counts only — a deputy's tablet, which needs to know when a round
 * opens or closes and never needs a tally.
 */
export type LiveView = "results" | "progress";

export interface LiveAudience {
  /** The credential the stream was opened with; streams of one holder replace each other past `perHolder`. */
  holder: string;
  view: LiveView;
  perHolder: number;
}

/** Where a stream's frames go: a Node response (only these three of its methods are used). */
export interface LiveSink {
  write(chunk: string): boolean;
  once(event: "drain", listener: () => void): unknown;
  end(): void;
}

export interface LiveLimits {
  perSession: number;
  total: number;
}

export type JoinResult = { ok: true; leave: () => void } | { ok: false; full: "session" | "server" };

interface Stream {
  sessionId: number;
  audience: LiveAudience;
  sink: LiveSink;
  /** The newest frame not yet written, while the sink's buffer is full. */
  behind: string | null;
  draining: boolean;
  leave(): void;
}

interface Feed {
  sessionId: number;
  streams: Set<Stream>;
  unsubscribe: () => void;
  timer: ReturnType<typeof setTimeout> | null;
  computing: boolean;
  lastRun: number;
  /** Bumped by every change; the frames are of `framesVersion`. */
  version: number;
  framesVersion: number;
  frames: Record<LiveView, string> | null;
}

const registry: { feeds: Map<number, Feed>; total: number; snapshots: number; heartbeat: ReturnType<typeof setInterval> | null } = {
  feeds: new Map(),
  total: 0,
  snapshots: 0,
  heartbeat: null,
};

/** Frames of the same snapshot for each view, serialised once per change. */
export function framesOf(snapshot: LiveSnapshot): Record<LiveView, string> {
  const frame = (data: LiveSnapshot) => `event: snapshot\ndata: ${JSON.stringify(data)}\n\n`;
  const progress: LiveSnapshot = { ...snapshot, round: snapshot.round && { ...snapshot.round, result: null } };
  return { results: frame(snapshot), progress: frame(progress) };
}

function write(stream: Stream, frame: string) {
  if (stream.draining) {
    stream.behind = frame;
    return;
  }
  if (!stream.sink.write(frame)) {
    stream.draining = true;
    stream.sink.once("drain", () => {
      stream.draining = false;
      const next = stream.behind;
      stream.behind = null;
      if (next) write(stream, next);
    });
  }
}

function schedule(feed: Feed) {
  if (feed.timer || feed.computing) return;
  feed.timer = setTimeout(() => void compute(feed), Math.max(0, THROTTLE_MS - (Date.now() - feed.lastRun)));
}

async function compute(feed: Feed) {
  feed.timer = null;
  feed.computing = true;
  feed.lastRun = Date.now();
  const version = feed.version;
  registry.snapshots += 1;
  try {
    const snapshot = await liveSnapshot(feed.sessionId);
    if (snapshot) {
      feed.frames = framesOf(snapshot);
      feed.framesVersion = version;
      for (const stream of feed.streams) write(stream, feed.frames[stream.audience.view]);
    }
  } catch (error) {
    // The streams keep their last frame; the next change tries again.
    console.error(`live snapshot of session ${feed.sessionId} failed:`, error);
  } finally {
    feed.computing = false;
  }
  if (registry.feeds.get(feed.sessionId) === feed && feed.version !== feed.framesVersion) schedule(feed);
}

function heartbeat() {
  for (const feed of registry.feeds.values()) for (const stream of feed.streams) if (!stream.draining) stream.sink.write(": keep-alive\n\n");
}

function feedOf(sessionId: number): Feed {
  let feed = registry.feeds.get(sessionId);
  if (!feed) {
    const created: Feed = {
      sessionId,
      streams: new Set(),
      unsubscribe: () => {},
      timer: null,
      computing: false,
      lastRun: 0,
      version: 1,
      framesVersion: 0,
      frames: null,
    };
    created.unsubscribe = onSessionChange(sessionId, () => {
      created.version += 1;
      schedule(created);
    });
    registry.feeds.set(sessionId, created);
    feed = created;
  }
  return feed;
}

function remove(stream: Stream) {
  const feed = registry.feeds.get(stream.sessionId);
  if (!feed?.streams.delete(stream)) return;
  registry.total -= 1;
  if (feed.streams.size === 0) {
    feed.unsubscribe();
    if (feed.timer) clearTimeout(feed.timer);
    registry.feeds.delete(stream.sessionId);
  }
  if (registry.total === 0 && registry.heartbeat) {
    clearInterval(registry.heartbeat);
    registry.heartbeat = null;
  }
}

/**
 * Adds a stream to its session's feed and sends it the current snapshot (at once when the feed has
 * one, else as soon as it is computed). `leave` removes it and may be called any number of times.
 */
export function joinLiveFeed(sessionId: number, audience: LiveAudience, sink: LiveSink, limits: LiveLimits): JoinResult {
  const existing = registry.feeds.get(sessionId);
  // The holder's oldest streams make room first: usually they are dead sockets of a reconnect.
  const own = existing ? [...existing.streams].filter((stream) => stream.audience.holder === audience.holder) : [];
  for (const stream of own.slice(0, Math.max(0, own.length - audience.perHolder + 1))) endStream(stream, "replaced");
  if ((registry.feeds.get(sessionId)?.streams.size ?? 0) >= limits.perSession) return { ok: false, full: "session" };
  if (registry.total >= limits.total) return { ok: false, full: "server" };

  const feed = feedOf(sessionId);
  const stream: Stream = { sessionId, audience, sink, behind: null, draining: false, leave: () => remove(stream) };
  feed.streams.add(stream);
  registry.total += 1;
  registry.heartbeat ??= setInterval(heartbeat, HEARTBEAT_MS).unref();
  sink.write("retry: 2000\n\n");
  if (feed.frames) write(stream, feed.frames[audience.view]);
  if (!feed.frames || feed.framesVersion !== feed.version) schedule(feed);
  return { ok: true, leave: stream.leave };
}

/**
 * Ends a stream. "replaced" (another stream of the same holder took its place) and "revoked" (its
 * display link was replaced or revoked) tell the page's EventSource not to come back; "closing"
 * (the server is stopping) lets it reconnect by itself, to the restarted server.
 */
function endStream(stream: Stream, why: EndReason | "closing") {
  stream.leave();
  try {
    if (why !== "closing") stream.sink.write(`event: end\ndata: ${why}\n\n`);
    stream.sink.end();
  } catch {
    // the socket is already gone
  }
}

/** Why the server ended a stream for good, as the "end" event says it. */
export type EndReason = "replaced" | "revoked";

/** Ends the streams of one session whose holder matches (a display link replaced or revoked). */
export function endLiveStreams(sessionId: number, holderMatches: (holder: string) => boolean): number {
  const streams = [...(registry.feeds.get(sessionId)?.streams ?? [])].filter((stream) => holderMatches(stream.audience.holder));
  for (const stream of streams) endStream(stream, "revoked");
  return streams.length;
}

/** Ends every stream (the server is shutting down); returns how many there were. */
export function endAllLiveStreams(): number {
  const streams = [...registry.feeds.values()].flatMap((feed) => [...feed.streams]);
  for (const stream of streams) endStream(stream, "closing");
  return streams.length;
}

/** Streams open now, in all and per session, and the snapshots computed since the process started. */
export function liveFeedStats(): { streams: number; sessions: Record<number, number>; snapshots: number } {
  return {
    streams: registry.total,
    sessions: Object.fromEntries([...registry.feeds].map(([id, feed]) => [id, feed.streams.size])),
    snapshots: registry.snapshots,
  };
}
