import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { commonMessages as t } from "~/messages/common";
import { clientAddress, currentStaff, deviceOf, logIn } from "~/services/auth.server";
import { parseForm, readFormData } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: `${t.login.title} · ${t.app.title}` }];

const LoginSchema = z.object({
  username: z.string({ error: t.login.usernameRequired }).trim().min(1, t.login.usernameRequired).max(64, t.login.failed),
  password: z.string({ error: t.login.passwordRequired }).min(1, t.login.passwordRequired).max(256, t.login.failed),
  redirectTo: z.string().optional(),
});

/** Any origin does: only the path is kept. */
const SITE = "http://localhost";

/**
 * Only same-site paths: an open redirect would let a link send a clerk anywhere after login.
 * Browsers read "/\evil.example" and "/<tab>/evil.example" as "//evil.example", so a backslash or
 * a control character anywhere is refused too. The path is returned as a URL serialises it,
 * percent-encoded: a Location header holds only Latin-1, and "/\u3000/x" used to make the
 * redirect after a correct password a server error. Null when there is no safe path.
 */
function safeRedirect(to: string | undefined): string | null {
  // Control characters are what the test looks for: a redirect target carrying one is refused.
  // eslint-disable-next-line no-control-regex
  if (!to || !to.startsWith("/") || to.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(to)) return null;
  const url = new URL(to, SITE);
  const path = url.pathname + url.search + url.hash;
  return url.origin === SITE && !path.startsWith("//") ? path : null;
}

/** Where each role starts: monitors watch, everyone else runs sessions. */
const HOME = { admin: "/console", clerk: "/console", monitor: "/monitor" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await currentStaff(request);
  if (staff) throw redirect(HOME[staff.role]);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(LoginSchema, await readFormData(request));
  if (!parsed.ok) return json({ message: parsed.message }, { status: 400 });
  const target = safeRedirect(parsed.data.redirectTo);
  const login = await logIn(parsed.data.username, parsed.data.password, { address: clientAddress(request), device: deviceOf(request) });
  if (!login.ok && login.retryAfterSeconds !== null) {
    return json({ message: t.login.wait(login.retryAfterSeconds) }, { status: 429, headers: { "Retry-After": String(login.retryAfterSeconds) } });
  }
  if (!login.ok) return json({ message: t.login.failed }, { status: 401 });
  return redirect(target ?? HOME[login.user.role], { headers: { "Set-Cookie": login.setCookie } });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="narrow">
      <h1>{t.login.title}</h1>
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <label className="field">
          <span>{t.login.username}</span>
          <input name="username" autoComplete="username" required maxLength={64} />
        </label>
        <label className="field">
          <span>{t.login.password}</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={256} />
        </label>
        {actionData?.message && (
          <p className="form-error" role="alert">
            {actionData.message}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy}>
          {t.login.submit}
        </button>
      </Form>
      <p className="note">
        {t.login.deputyHint} <a href="/vote">{t.login.deputyLink}</a>
      </p>
    </section>
  );
}
