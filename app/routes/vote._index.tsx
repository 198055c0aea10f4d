/**
 * 代表签到: the tablet's sign-in screen. The deputy types (or scans, via `?code=`) the one-time code
 * from their card and taps 进入. A GET never signs in: a QR link opened by a preview or a crawler
 * must not use up the code.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TabletError } from "~/components/tablet/TabletError";
import { tabletMessages as tablet } from "~/messages/tablet";
import { commonMessages as t } from "~/messages/common";
import { Refusal } from "~/services/refusal";
import { signInFromTablet, TooManyAttempts } from "~/services/sign-in.server";
import { passFromToken } from "~/services/voting.server";
import styles from "~/styles/tablet.css";
import { clientAddress, deviceOf, tabletCookie, tabletToken } from "~/services/auth.server";
import { parseForm, readFormData } from "~/utils/forms";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${tablet.meta.signIn} · ${t.app.title}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await passFromToken(await tabletToken(request))) throw redirect("/vote/ballot");
  const code = new URL(request.url).searchParams.get("code") ?? "";
  return json({ code: code.slice(0, 20) });
}

export async function action({ request }: ActionFunctionArgs) {
  // Imported here, not at the top: the schema module would bring Zod (≈ 90 KB gzipped) into the
  // first script a tablet downloads over the hall's Wi-Fi.
  const { SignInCodeSchema } = await import("~/schemas/session");
  const parsed = parseForm(SignInCodeSchema, await readFormData(request));
  if (!parsed.ok) return json({ message: parsed.message }, { status: 400 });
  try {
    const { token } = await signInFromTablet({ address: clientAddress(request), device: deviceOf(request) }, parsed.data.code);
    return redirect("/vote/ballot", { headers: { "Set-Cookie": await tabletCookie.serialize(token) } });
  } catch (error) {
    if (error instanceof Refusal) return json({ message: error.message }, { status: error.status });
    if (error instanceof TooManyAttempts) return json({ message: error.message }, { status: 429 });
    throw error;
  }
}

export default function SignInPage() {
  const { code } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="tablet tablet-signin">
      <section className="tablet-panel" aria-labelledby="signin-heading">
        <h1 id="signin-heading">{tablet.signIn.title}</h1>
        <p className="tablet-lead">{tablet.signIn.lead}</p>
        <Form method="post" className="signin-form">
          <label className="field signin-field">
            <span>{tablet.signIn.code}</span>
            <input
              name="code"
              defaultValue={code}
              required
              maxLength={20}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              inputMode="text"
              aria-describedby={actionData?.message ? "code-hint code-error" : "code-hint"}
              aria-invalid={actionData?.message ? true : undefined}
              className="signin-code"
            />
          </label>
          <p id="code-hint" className="signin-hint">
            {tablet.signIn.codeHint}
          </p>
          {actionData?.message && (
            <p id="code-error" className="form-error signin-error" role="alert">
              {actionData.message}
            </p>
          )}
          <button className="button primary tablet-big-button" type="submit" disabled={busy}>
            {busy ? tablet.signIn.submitting : tablet.signIn.submit}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <TabletError />;
}
