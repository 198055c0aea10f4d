import { describe, expect, it } from "vitest";
import { readEnv, startupWarnings } from "./env.server";

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
    expect(() => envOf({ LIVE_STREAMS_PER_SESSION: "600", LIVE_STREAMS_MAX: "500" })).toThrow(
      /LIVE_STREAMS_PER_SESSION must not be larger than LIVE_STREAMS_MAX/,
    );
    expect(envOf({ LIVE_STREAMS_PER_SESSION: "20", LIVE_STREAMS_MAX: "20" }).LIVE_STREAMS_MAX).toBe(20);
  });
});

describe("the hall's address (HALL_URL)", () => {
  it("is kept as a bare origin, and unset is allowed with a warning", () => {
    expect(envOf({ HALL_URL: "http://192.168.1.10:3000/" }).HALL_URL).toBe("http://192.168.1.10:3000");
    expect(envOf({ HALL_URL: "https://Hall.Example.cn" }).HALL_URL).toBe("https://hall.example.cn");
    expect(startupWarnings(envOf({ HALL_URL: "http://192.168.1.10:3000" }))).toEqual([]);
    expect(envOf({}).HALL_URL).toBeUndefined();
    expect(startupWarnings(envOf({})).join("\n")).toMatch(/HALL_URL 未设置.*HALL_URL is not set/);
  });

  it("refuses what tablets could not open, in Chinese and English, naming the variable", () => {
    const refusals: Array<[string, RegExp]> = [
      ["192.168.1.10:3000", /HALL_URL: 会场地址须以 http:\/\/ 或 https:\/\/ 开头/],
      ["hall", /HALL_URL: 会场地址须以 http:\/\/ 或 https:\/\/ 开头/],
      ["", /HALL_URL: 会场地址须以 http:\/\/ 或 https:\/\/ 开头/],
      ["http://", /HALL_URL: 会场地址不是有效的网址.*HALL_URL must be a URL/],
      ["http://192.168.1.300", /HALL_URL: 会场地址不是有效的网址/],
      ["ftp://192.168.1.10", /HALL_URL: 会场地址须以 http:\/\/ 或 https:\/\/ 开头/],
      ["http://192.168.1.10:3000/vote", /HALL_URL: 会场地址只写协议、主机和端口.*scheme, host and port only/],
      ["http://192.168.1.10:3000?x=1", /HALL_URL: 会场地址只写协议、主机和端口/],
      ["http://user:pw@192.168.1.10", /HALL_URL: 会场地址只写协议、主机和端口/],
      ["http://0.0.0.0:3000", /HALL_URL: 0\.0\.0\.0 是监听地址/],
    ];
    for (const [value, message] of refusals) expect(() => envOf({ HALL_URL: value }), value).toThrow(message);
  });
});
