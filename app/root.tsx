import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import { ErrorPanel } from "~/components/ui/ErrorPanel";
import { commonMessages as t } from "~/messages/common";
import { useNonce } from "~/utils/nonce";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: styles },
];
export const meta: MetaFunction = () => [{ title: t.app.title }];

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t.app.skipToContent}
        </a>
        <header className="site-header">
          <Link to="/" className="site-title">
            {t.app.title}
          </Link>
          <span className="site-subtitle">{t.app.subtitle}</span>
        </header>
        <main id="main" className="page">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPanel back={{ to: "/", label: t.app.home }} />;
}
