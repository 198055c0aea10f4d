/**
 * Live state of a session for the console: follows the session's snapshot (useSessionEvents) and
 * re-runs the page's loaders (throttled) so that rows such as "已投票" follow without a reload.
 * Without JavaScript the page simply shows the state it was rendered with.
 */
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useSessionEvents } from "~/components/live/session-events";
import type { LiveSnapshot } from "~/services/live.server";

const REVALIDATE_EVERY_MS = 1500;

export function useLiveSnapshot(sessionId: number): { snapshot: LiveSnapshot | null; connected: boolean | null } {
  const [snapshot, setSnapshot] = useState<LiveSnapshot | null>(null);
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  // A submission revalidates the page by itself when it completes; revalidating on top of it
  // could interleave an older snapshot with the action's result.
  const navigationIdle = useRef(true);
  navigationIdle.current = useNavigation().state === "idle";
  const throttle = useRef<{ timer: ReturnType<typeof setTimeout> | null; last: number; first: boolean }>({ timer: null, last: 0, first: true });

  useEffect(
    () => () => {
      if (throttle.current.timer) clearTimeout(throttle.current.timer);
    },
    [],
  );

  const schedule = () => {
    const state = throttle.current;
    if (state.timer) return;
    state.timer = setTimeout(
      () => {
        state.timer = null;
        if (!navigationIdle.current) return schedule();
        state.last = Date.now();
        revalidate.current();
      },
      Math.max(0, REVALIDATE_EVERY_MS - (Date.now() - state.last)),
    );
  };

  const stream = useSessionEvents(sessionId, (next) => {
    setSnapshot(next);
    // The first snapshot only confirms what the page was rendered with.
    if (throttle.current.first) throttle.current.first = false;
    else schedule();
  });

  return { snapshot, connected: stream === "connecting" ? null : stream === "live" };
}
