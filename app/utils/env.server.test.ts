import { describe, expect, it } from "vitest";
import { readEnv } from "./env.server";

const envOf = (vars: Record<string, string>) => readEnv({ NODE_ENV: "test", ...vars });

describe("the live stream limits", () => {
  it("default to 500 per session and 3,000 in all", () => {
    const env = envOf({});
    expect([env.LIVE_STREAMS_PER_SESSION, env.LIVE_STREAMS_MAX]).toEqual([500, 3000]);
  });

  it("refuse values that are not positive whole numbers, naming the variable", () => {
    for (const value of ["0", "-1", "1.5", "abc"]) {
      expect(() => envOf({ LIVE_STREAMS_PER_SESSION: value }), value).toThrow(/LIVE_STREAMS_PER_SESSION/);
      expect(() => envOf({ LIVE_STREAMS_MAX: value }), value).toThrow(/LIVE_STREAMS_MAX/);
    }
  });

  it("refuse a per-session limit above the server's", () => {
    expect(() => envOf({ LIVE_STREAMS_PER_SESSION: "600", LIVE_STREAMS_MAX: "500" })).toThrow(/LIVE_STREAMS_PER_SESSION must not be larger than LIVE_STREAMS_MAX/);
    expect(envOf({ LIVE_STREAMS_PER_SESSION: "20", LIVE_STREAMS_MAX: "20" }).LIVE_STREAMS_MAX).toBe(20);
  });
});
