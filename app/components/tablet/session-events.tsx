/**
 * Follows a session's live snapshot over server-sent events (GET /sessions/:id/events, see
 * utils/live-client.ts for reconnects and refusals); the hook reports whether the stream is up so
 * the page can say so. Server-rendered pages work without it.
 */
import { useEffect, useRef, useState } from "react";
import type { LiveSnapshot } from "~/services/live.server";
import { followSession, type StreamState } from "~/utils/live-client";

export type { StreamState };

export function useSessionEvents(sessionId: number, onSnapshot: (snapshot: LiveSnapshot) => void): StreamState {
  const handler = useRef(onSnapshot);
  handler.current = onSnapshot;
  const [state, setState] = useState<StreamState>("connecting");

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    return followSession(sessionId, {
      state: setState,
      snapshot: (data) => {
        try {
          handler.current(JSON.parse(data) as LiveSnapshot);
        } catch {
          // A malformed frame is dropped; the next change sends a whole new snapshot.
        }
      },
    });
  }, [sessionId]);

  return state;
}
