import { useActionData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";

/** The outcome of a console action, shown next to the form that sent it. */
export interface ConsoleActionData {
  ok: boolean;
  intent: string;
  message: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** Row-by-row problems of a slate file. */
  importErrors?: string[];
  pass?: { name: string; code: string; qrSvg: string; address: string };
  /** A display link just opened: shown once, like a sign-in code. */
  displayUrl?: string;
}

/**
 * The page's last action result, kept across the reloads that live updates trigger: Remix drops
 * action data on a plain revalidation, which would wipe a sign-in code or a refusal from the
 * screen the moment a deputy checks in elsewhere in the hall.
 */
export function useConsoleActionData<T extends ConsoleActionData = ConsoleActionData>(): T | undefined {
  const data = useActionData() as T | undefined;
  const { key } = useLocation();
  const [kept, setKept] = useState<{ key: string; data: T }>();
  useEffect(() => {
    if (data !== undefined) setKept({ key, data });
  }, [data, key]);
  // Only on the page that submitted: a link to another round must not carry this round's message.
  return data ?? (kept?.key === key ? kept.data : undefined);
}

/**
 * Hidden while a submission is under way: Remix hands over the action's result before the page's
 * data has been reloaded, and a "已签到" next to a row still showing "未到" would mislead.
 */
export function ActionAlert({ data, intent }: { data: ConsoleActionData | undefined; intent: string | string[] }) {
  const settled = useNavigation().state === "idle";
  const intents = Array.isArray(intent) ? intent : [intent];
  if (!settled || !data || !intents.includes(data.intent) || data.pass) return null;
  return data.ok ? (
    <p className="flash" role="status">
      {data.message}
    </p>
  ) : (
    <p className="flash error" role="alert">
      {data.message}
    </p>
  );
}

/**
 * The refusal of a post that no form on the page sends (a page left open from an older version, a
 * hand-made request): shown all the same, at the top, so the clerk is never left without an answer.
 */
export function OtherIntentAlert({ data, known }: { data: ConsoleActionData | undefined; known: readonly string[] }) {
  return data && !known.includes(data.intent) ? <ActionAlert data={data} intent={data.intent} /> : null;
}

export function FieldError({ data, intent, field, id }: { data: ConsoleActionData | undefined; intent: string; field: string; id?: string }) {
  const message = data && !data.ok && data.intent === intent ? data.errors?.[field] : undefined;
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}
