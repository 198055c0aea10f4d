/** Zod schemas for the session console's forms: one per input, messages in Chinese. */
import { z } from "zod";
import { plainDecimal } from "./numbers";

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);

/** A date typed as YYYY-MM-DD, taken as that day in Beijing. */
const dateField = z
  .string({ error: "请填写会议日期" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "会议日期格式应为 2026-01-15")
  .transform((value, ctx) => {
    const date = new Date(`${value}T09:00:00+08:00`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      ctx.addIssue({ code: "custom", message: "会议日期不存在" });
      return z.NEVER;
    }
    const year = Number(value.slice(0, 4));
    if (year < 2000 || year > 2100) {
      ctx.addIssue({ code: "custom", message: "会议日期的年份须在2000年至2100年之间" });
      return z.NEVER;
    }
    return date;
  });

export const SessionSchema = z.object({
  title: text("会议名称", 80),
  meetingDate: dateField,
  place: text("会议地点", 80),
});
export type SessionInput = z.infer<typeof SessionSchema>;

const id = z.preprocess(plainDecimal, z.coerce.number({ error: "编号无效" }).int("编号无效").positive("编号无效"));

export const AttendanceSchema = z.object({
  deputyId: id,
  status: z.enum(["present", "leave", "absent"], { error: "签到状态无效" }),
});

/** 批量签到: the deputies ticked on the check-in list. */
export const CheckInSchema = z.object({
  deputyIds: z.array(id, { error: "请先勾选要签到的代表" }).min(1, "请先勾选要签到的代表").max(500, "一次最多签到500名代表"),
});

export const TellersSchema = z.object({
  chiefId: id,
  tellerIds: z.array(id, { error: "请至少推选一名监票人" }).min(1, "请至少推选一名监票人").max(10, "监票人不超过10名"),
});

export const RoundSettingsSchema = z
  .object({
    candidateIds: z.array(id, { error: "请选择本轮表决的项目" }).min(1, "请选择本轮表决的项目").max(100, "一轮最多100个项目"),
    places: z.preprocess(plainDecimal, z.coerce.number({ error: "请填写应选名额" }).int("应选名额须为整数").min(1, "应选名额至少为1")),
    form: z.enum(["per-project", "choose-n"], { error: "请选择选票形式" }),
    secret: z.enum(["secret", "recorded"], { error: "请选择记名或无记名" }).transform((value) => value === "secret"),
    liveResults: z.enum(["live", "after-close"], { error: "请选择大屏显示方式" }).transform((value) => value === "live"),
  })
  .refine((round) => new Set(round.candidateIds).size === round.candidateIds.length, { message: "项目重复", path: ["candidateIds"] })
  .refine((round) => round.places <= round.candidateIds.length, {
    message: "应选名额不能多于所选项目数",
    path: ["places"],
  });
export type RoundSettingsInput = z.infer<typeof RoundSettingsSchema>;

export const VoidSchema = z.object({ reason: text("作废理由", 200) });

/** The code on a secret round's key card, as typed or scanned; its checksum is read by the service. */
export const RoundKeySchema = z.object({
  key: z.string({ error: "请输入计票密钥卡上的密钥" }).trim().min(1, "请输入计票密钥卡上的密钥").max(64, "密钥格式不对：应为28位字母和数字（7组，每组4位），请对照密钥卡重新输入。"),
});

export const DeputyNamesSchema = z.object({
  names: z
    .string({ error: "请填写代表姓名" })
    .transform((value) => value.split(/[\n,，、;；]+/).map((name) => name.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string().min(1).max(20, "代表姓名不能超过20个字"))
        .min(1, "请至少填写一名代表")
        .max(200, "一次最多录入200名代表")
        .refine((names) => new Set(names).size === names.length, "名单中有重复的姓名，请加以区分（如“张伟（大）”）"),
    ),
});

export const SignInCodeSchema = z.object({
  code: z
    .string({ error: "请输入签到码" })
    .transform((value) => value.replace(/[\s-]/g, "").toUpperCase())
    .pipe(z.string().regex(/^[2-9A-HJ-NP-Z]{8}$/, "签到码为8位字母和数字，请核对后重新输入")),
});

/** 发布公告: whether the notice prints each project's votes or only the selected projects. */
export const PublishSchema = z.object({
  noticeVotes: z.enum(["shown", "list"], { error: "请选择公告是否列出各项目的得票数" }).transform((value) => value === "shown"),
});
