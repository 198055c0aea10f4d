/** The outcome of a console action, shown next to the form that sent it. */
export interface ConsoleActionData {
  ok: boolean;
  intent: string;
  message: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** Row-by-row problems of a slate file. */
  importErrors?: string[];
  pass?: { name: string; code: string; qrSvg: string };
}

export function ActionAlert({ data, intent }: { data: ConsoleActionData | undefined; intent: string | string[] }) {
  const intents = Array.isArray(intent) ? intent : [intent];
  if (!data || !intents.includes(data.intent) || data.pass) return null;
  return data.ok ? (
    <p className="flash" role="status">{data.message}</p>
  ) : (
    <p className="flash error" role="alert">{data.message}</p>
  );
}

export function FieldError({ data, intent, field, id }: { data: ConsoleActionData | undefined; intent: string; field: string; id?: string }) {
  const message = data && !data.ok && data.intent === intent ? data.errors?.[field] : undefined;
  return message ? <p className="field-error" id={id}>{message}</p> : null;
}
