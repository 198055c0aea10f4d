/**
 * Follows a session's live snapshot over server-sent events (GET /sessions/:id/events). EventSource
 * reconnects by itself after a drop (the stream asks for a 2 s retry); the hook reports whether the
 * stream is up so the page can say so. Server-rendered pages work without it.
 */
import { useEffect, useRef, useState } from "react";
import type { LiveSnapshot } from "~/services/live.server";

export type StreamState = "connecting" | "live" | "down";

export function useSessionEvents(sessionId: number, onSnapshot: (snapshot: LiveSnapshot) => void): StreamState {
  const handler = useRef(onSnapshot);
  handler.current = onSnapshot;
  const [state, setState] = useState<StreamState>("connecting");

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/sessions/${sessionId}/events`);
    const onMessage = (event: MessageEvent<string>) => {
      setState("live");
      try {
        handler.current(JSON.parse(event.data) as LiveSnapshot);
      } catch {
        // A malformed frame is dropped; the next change sends a whole new snapshot.
      }
    };
    source.addEventListener("snapshot", onMessage as EventListener);
    source.onopen = () => setState("live");
    source.onerror = () => setState("down");
    return () => {
      source.removeEventListener("snapshot", onMessage as EventListener);
      source.close();
    };
  }, [sessionId]);

  return state;
}
