import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { consoleMessages as c } from "~/messages/console";

/** The one-time sign-in code of one deputy, shown once, large, with a QR code of the voting link. */
export function PassFlash({ pass }: { pass: { name: string; code: string; qrSvg: string; address: string } }) {
  const [open, setOpen] = useState(true);
  const heading = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    setOpen(true);
    heading.current?.focus();
  }, [pass]);
  if (!open) return null;
  return (
    <section className="pass-flash" role="dialog" aria-labelledby="pass-flash-heading">
      <h2 id="pass-flash-heading" tabIndex={-1} ref={heading}>
        {c.session.passFlash(pass.name)}
        <span className="pass-code">{pass.code}</span>
      </h2>
      <div className="pass-flash-body">
        <figure className="pass-card-qr">
          <div className="qr" role="img" aria-label={c.session.passQr(pass.name)} dangerouslySetInnerHTML={{ __html: pass.qrSvg }} />
          <figcaption className="pass-card-address">{pass.address}</figcaption>
        </figure>
        <p>{c.session.passFlashHint}</p>
      </div>
      <Link
        to={pathname}
        className="button primary"
        onClick={(event) => {
          event.preventDefault();
          setOpen(false);
        }}
      >
        {c.session.close}
      </Link>
    </section>
  );
}
