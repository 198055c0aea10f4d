/**
 * Who may see a monitoring view: staff only. An administrator sees every area; a monitor (county
 * or city congress staff) sees the area of their account (User.areaCode, a 4-digit city or 6-digit
 * county code) and the areas inside it; township clerks see none. The full role matrix is the
 * lead's (see the report): this is the narrowest rule that serves the county and city staff now.
 */
import { areaWithin } from "~/domain/coverage";
import type { StaffUser } from "~/data/users.server";
import { monitorMessages } from "~/messages/monitor";
import { requireStaff } from "./auth.server";

export function homeAreaOf(user: StaffUser): string | null {
  if (user.role === "admin") return "43";
  if (user.role === "monitor" && user.areaCode) return user.areaCode;
  return null;
}

export async function requireMonitorOf(request: Request, code: string): Promise<StaffUser> {
  const user = await requireStaff(request);
  const home = homeAreaOf(user);
  if (home && areaWithin(code, home)) return user;
  throw new Response(monitorMessages.monitor.forbidden, { status: 403 });
}
