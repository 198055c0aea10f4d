import { describe, expect, it } from "vitest";
import { createAccount } from "~/services/accounts.server";
import { FREE_TRIES, logIn, currentStaff, logOut } from "./auth.server";

const from = (address: string) => ({ address, device: `${address} vitest` });

describe("staff login", () => {
  it("logs in with the right password, and the cookie names a revocable server-side session", async () => {
    await createAccount({ username: "clerk-a", displayName: "文书", password: "correct horse battery", role: "clerk", townshipCode: "430121102" });
    const login = await logIn("clerk-a", "correct horse battery", from("10.0.0.1"));
    expect(login.ok).toBe(true);
    if (!login.ok) return;
    expect(login.setCookie).toMatch(/HttpOnly/i);
    expect(login.setCookie).toMatch(/SameSite=Lax/i);
    const request = new Request("http://localhost/console", { headers: { Cookie: login.setCookie.split(";")[0]! } });
    expect((await currentStaff(request))?.username).toBe("clerk-a");
    await logOut(request);
    expect(await currentStaff(request)).toBeNull();
  });

  it("makes an address that keeps guessing wait, but never refuses the right password from another address", async () => {
    await createAccount({ username: "clerk-b", displayName: "文书", password: "correct horse battery", role: "clerk", townshipCode: "430121104" });
    for (let i = 0; i < FREE_TRIES; i += 1) expect(await logIn("clerk-b", "wrong", from("10.0.0.2"))).toEqual({ ok: false, retryAfterSeconds: null });
    // The guessing address waits, even with the right password…
    expect(await logIn("clerk-b", "correct horse battery", from("10.0.0.2"))).toEqual({ ok: false, retryAfterSeconds: 4 });
    // …and the account itself is not locked.
    expect((await logIn("clerk-b", "correct horse battery", from("10.0.0.3"))).ok).toBe(true);
  });

  it("answers an unknown user like a wrong password, and makes it wait alike", async () => {
    for (let i = 0; i < FREE_TRIES; i += 1) expect(await logIn("nobody", "whatever", from("10.0.0.4"))).toEqual({ ok: false, retryAfterSeconds: null });
    expect(await logIn("nobody", "whatever", from("10.0.0.4"))).toEqual({ ok: false, retryAfterSeconds: 4 });
  });

  it("rejects a forged cookie", async () => {
    const request = new Request("http://localhost/console", { headers: { Cookie: "staff=eyJmb3JnZWQiOnRydWV9" } });
    expect(await currentStaff(request)).toBeNull();
  });
});
