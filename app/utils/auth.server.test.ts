import { describe, expect, it } from "vitest";
import { createAccount } from "~/services/accounts.server";
import { LOCKOUT_THRESHOLD, logIn, currentStaff, logOut } from "./auth.server";

describe("staff login", () => {
  it("logs in with the right password, and the cookie names a revocable server-side session", async () => {
    await createAccount({ username: "clerk-a", displayName: "文书", password: "correct horse battery", role: "clerk", townshipCode: "430121102" });
    const login = await logIn("clerk-a", "correct horse battery");
    expect(login.ok).toBe(true);
    if (!login.ok) return;
    expect(login.setCookie).toMatch(/HttpOnly/i);
    expect(login.setCookie).toMatch(/SameSite=Lax/i);
    const request = new Request("http://localhost/console", { headers: { Cookie: login.setCookie.split(";")[0]! } });
    expect((await currentStaff(request))?.username).toBe("clerk-a");
    await logOut(request);
    expect(await currentStaff(request)).toBeNull();
  });

  it("locks the account after repeated wrong passwords, even against the right one", async () => {
    await createAccount({ username: "clerk-b", displayName: "文书", password: "correct horse battery", role: "clerk", townshipCode: "430121104" });
    for (let i = 0; i < LOCKOUT_THRESHOLD; i += 1) expect(await logIn("clerk-b", "wrong")).toEqual({ ok: false, locked: false });
    expect(await logIn("clerk-b", "correct horse battery")).toEqual({ ok: false, locked: true });
  });

  it("answers an unknown user like a wrong password", async () => {
    expect(await logIn("nobody", "whatever")).toEqual({ ok: false, locked: false });
  });

  it("rejects a forged cookie", async () => {
    const request = new Request("http://localhost/console", { headers: { Cookie: "staff=eyJmb3JnZWQiOnRydWV9" } });
    expect(await currentStaff(request)).toBeNull();
  });
});
