/** 会务工作台 layout: every console page is for logged-in staff; the bar names who is working. */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData } from "@remix-run/react";
import { ErrorPanel } from "~/components/ui/ErrorPanel";
import { consoleMessages as c } from "~/messages/console";
import styles from "~/styles/console.css";
import { requireStaff } from "~/services/auth.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return json({ user: { displayName: user.displayName, username: user.username, role: user.role } });
}

export default function ConsoleLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <div className="console">
      <div className="console-bar">
        <Link to="/console" className="console-bar-title">
          {c.title}
        </Link>
        <span className="console-bar-user">
          {user.displayName}
          <small>
            （{c.userRole[user.role] ?? user.role} · {user.username}）
          </small>
        </span>
        <Form method="post" action="/logout" className="console-bar-logout">
          <button type="submit" className="button small">
            {c.logout}
          </button>
        </Form>
      </div>
      <Outlet />
    </div>
  );
}

/** A refusal inside the console keeps the console's frame and leads back to its first page. */
export function ErrorBoundary() {
  return (
    <div className="console">
      <ErrorPanel back={{ to: "/console", label: c.backToConsole }} />
    </div>
  );
}
