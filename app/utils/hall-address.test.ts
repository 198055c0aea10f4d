import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./hall-address";

const hostOf = (url: string) => new URL(url).hostname;

describe("isLoopbackHost", () => {
  it("knows this machine's own names and addresses", () => {
    for (const url of [
      "http://localhost:3000",
      "http://LOCALHOST",
      "http://hall.localhost",
      "http://127.0.0.1:3000",
      "http://127.8.9.10",
      "http://[::1]:3000",
      "http://[::ffff:127.0.0.1]",
    ]) {
      expect(isLoopbackHost(hostOf(url)), url).toBe(true);
    }
  });

  it("lets the hall's network addresses and names through", () => {
    for (const url of [
      "http://192.168.1.10:3000",
      "http://10.0.0.2",
      "http://128.0.0.1",
      "http://[fe80::1]",
      "http://piaojue.local",
      "https://hall.example.cn",
      "http://localhost.example.cn",
    ]) {
      expect(isLoopbackHost(hostOf(url)), url).toBe(false);
    }
  });
});
