/**
 * Live state of a session for the console: subscribes to the session's server-sent events and
 * re-runs the page's loaders (throttled) so that rows such as "已投票" follow without a reload.
 * Without JavaScript the page simply shows the state it was rendered with.
 */
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { LiveSnapshot } from "~/services/live.server";
import { followSession } from "~/utils/live-client";

const REVALIDATE_EVERY_MS = 1500;

export function useLiveSnapshot(sessionId: number): { snapshot: LiveSnapshot | null; connected: boolean | null } {
  const [snapshot, setSnapshot] = useState<LiveSnapshot | null>(null);
  const [connected, setConnected] = useState<boolean | null>(null);
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  // A submission revalidates the page by itself when it completes; revalidating on top of it
  // could interleave an older snapshot with the action's result.
  const navigationIdle = useRef(true);
  navigationIdle.current = useNavigation().state === "idle";

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let first = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        if (!navigationIdle.current) return schedule();
        last = Date.now();
        revalidate.current();
      }, Math.max(0, REVALIDATE_EVERY_MS - (Date.now() - last)));
    };
    const stop = followSession(sessionId, {
      state: (state) => setConnected(state === "live"),
      snapshot: (data) => {
        setSnapshot(JSON.parse(data) as LiveSnapshot);
        // The first snapshot only confirms what the page was rendered with.
        if (first) first = false;
        else schedule();
      },
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [sessionId]);

  return { snapshot, connected };
}
