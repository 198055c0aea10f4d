import { useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";

/** A submit button that is disabled while any form of the page is being submitted. */
export function SubmitButton({ className = "button", disabled, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const busy = useNavigation().state === "submitting";
  return <button type="submit" className={className} disabled={busy || disabled} {...props} />;
}
