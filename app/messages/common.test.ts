import { describe, expect, it } from "vitest";
import { commonMessages as t, errorMessage } from "./common";

describe("errorMessage", () => {
  it("keeps the server's Chinese reason", () => {
    expect(errorMessage(403, "您没有管理这个乡镇会议的权限。")).toBe("您没有管理这个乡镇会议的权限。");
  });
  it("says what the status means when the reason is empty or not Chinese: a 403 or 409 is not 'not found'", () => {
    expect(errorMessage(403, "")).toBe(t.errors.byStatus[403]);
    expect(errorMessage(409, null)).toBe(t.errors.byStatus[409]);
    expect(errorMessage(405, "Method Not Allowed")).toBe(t.errors.byStatus[405]);
    expect(errorMessage(404, undefined)).toBe(t.errors.notFound);
    for (const status of [400, 403, 405, 409, 413, 429]) expect(errorMessage(status, "")).not.toBe(t.errors.notFound);
  });
  it("falls back to the generic sentence for any other failure", () => {
    expect(errorMessage(500, "Unexpected Server Error")).toBe(t.errors.generic);
    expect(errorMessage(418, {})).toBe(t.errors.generic);
  });
});
