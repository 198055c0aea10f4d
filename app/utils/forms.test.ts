import { describe, expect, it } from "vitest";
import { formMessages } from "~/messages/forms";
import { readFormData } from "./forms";

function post(body: BodyInit, contentType?: string): Request {
  return new Request("http://localhost/x", { method: "POST", body, headers: contentType ? { "Content-Type": contentType } : {} });
}

async function refusal(request: Request): Promise<{ status: number; text: string }> {
  try {
    await readFormData(request);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() };
    throw thrown;
  }
  throw new Error("not refused");
}

describe("readFormData", () => {
  it("reads a form post", async () => {
    const form = await readFormData(post("title=%E6%B0%91%E7%94%9F&a%00b=1", "application/x-www-form-urlencoded"));
    expect(form.get("title")).toBe("民生");
    expect(form.get("a\u0000b")).toBe("1"); // a field name no route reads
  });

  it("refuses what is not a form, and a broken multipart body", async () => {
    expect(await refusal(post('{"title":"x"}', "application/json"))).toEqual({ status: 415, text: formMessages.submission.notAForm });
    expect(await refusal(post("--x\r\nbroken", "multipart/form-data; boundary=y"))).toEqual({ status: 400, text: formMessages.submission.unreadable });
  });

  it("refuses a NUL character in any text value, and only there", async () => {
    for (const body of ["title=%00", "title=%E4%BB%A3%E8%A1%A8%00%E4%B9%99", "ignored=x%00&title=ok"])
      expect(await refusal(post(body, "application/x-www-form-urlencoded"))).toEqual({ status: 400, text: formMessages.submission.nulCharacter });
    const multipart = new FormData();
    multipart.set("title", "代表");
    multipart.set("file", new Blob([new Uint8Array([0x50, 0x4b, 0x00, 0x00])]), "slate.xlsx");
    const form = await readFormData(new Request("http://localhost/x", { method: "POST", body: multipart }));
    expect(form.get("title")).toBe("代表");
    multipart.set("place", "会\u0000场");
    expect(await refusal(new Request("http://localhost/x", { method: "POST", body: multipart }))).toEqual({
      status: 400,
      text: formMessages.submission.nulCharacter,
    });
  });
});
