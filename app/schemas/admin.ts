/** Zod schemas for the administrator's forms (accounts, the township register). */
import { z } from "zod";
import { plainDecimal } from "./numbers";

export const AccountSchema = z
  .object({
    username: z.string({ error: "请填写用户名" }).trim().regex(/^[a-z0-9_.-]{3,32}$/, "用户名为3至32位小写字母、数字或 _ . -"),
    displayName: z.string({ error: "请填写姓名" }).trim().min(1, "请填写姓名").max(40, "姓名不能超过40个字"),
    password: z.string({ error: "请填写初始密码" }).min(10, "密码至少10位").max(200, "密码不能超过200位"),
    role: z.enum(["admin", "monitor", "clerk"], { error: "请选择角色" }),
    townshipCode: z.string().trim().optional(),
    areaCode: z.string().trim().optional(),
  })
  .refine((account) => account.role !== "clerk" || /^\d{9}$/.test(account.townshipCode ?? ""), {
    message: "乡镇文书须填写所属乡镇的9位区划代码",
    path: ["townshipCode"],
  })
  .refine((account) => account.role !== "monitor" || /^(\d{4}|\d{6})$/.test(account.areaCode ?? ""), {
    message: "监督人员须填写所辖市州（4位）或县市区（6位）代码",
    path: ["areaCode"],
  });

export const PasswordResetSchema = z.object({
  userId: z.preprocess(plainDecimal, z.coerce.number({ error: "账户无效" }).int("账户无效").positive("账户无效")),
  password: z.string({ error: "请填写新密码" }).min(10, "密码至少10位").max(200, "密码不能超过200位"),
});

export const NewTownshipSchema = z.object({
  code: z.string({ error: "请填写区划代码" }).trim().regex(/^\d{6}[1-3]\d\d$/, "乡镇区划代码为9位数字，第7至9位在100至399之间"),
  name: z.string({ error: "请填写名称" }).trim().regex(/^.{1,30}(镇|乡)$/u, "名称须以“镇”或“乡”结尾，不超过30个字"),
  kind: z.enum(["镇", "乡", "民族乡"], { error: "请选择类型" }),
  seatedDeputies: z.preprocess(
    plainDecimal,
    z.coerce.number({ error: "请填写实有代表数" }).int("实有代表数须为整数").min(1, "实有代表数至少为1").max(160, "乡镇代表名额最多160名"),
  ),
  // The legal quota (代表名额) follows from it: domain/deputy-quota.ts.
  population: z.preprocess(
    plainDecimal,
    z.coerce.number({ error: "请填写人口数" }).int("人口数须为整数").min(0, "人口数不能为负").max(1_000_000, "人口数不超过100万"),
  ),
});

export const RetireTownshipSchema = z.object({
  code: z.string({ error: "请填写区划代码" }).trim().regex(/^\d{9}$/, "区划代码为9位数字"),
});
