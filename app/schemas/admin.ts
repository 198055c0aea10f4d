/** Zod schemas for the administrator's forms (accounts, the township register). */
import { z } from "zod";
import { formMessages } from "~/messages/forms";
import { CONGRESS_CODE } from "~/domain/register";
import { plainDecimal, recordId } from "./numbers";

const account = formMessages.account;
const township = formMessages.township;

export const AccountSchema = z
  .object({
    username: z
      .string({ error: account.usernameRequired })
      .trim()
      .regex(/^[a-z0-9_.-]{3,32}$/, account.usernameFormat),
    displayName: z.string({ error: account.displayNameRequired }).trim().min(1, account.displayNameRequired).max(40, account.displayNameTooLong),
    password: z.string({ error: account.initialPasswordRequired }).min(10, account.passwordTooShort).max(200, account.passwordTooLong),
    role: z.enum(["admin", "monitor", "clerk"], { error: account.roleRequired }),
    townshipCode: z.string().trim().optional(),
    areaCode: z.string().trim().optional(),
  })
  .refine((account) => account.role !== "clerk" || CONGRESS_CODE.test(account.townshipCode ?? ""), {
    message: account.clerkTownship,
    path: ["townshipCode"],
  })
  .refine((account) => account.role !== "monitor" || /^(\d{4}|\d{6})$/.test(account.areaCode ?? ""), {
    message: account.monitorArea,
    path: ["areaCode"],
  });

export const PasswordResetSchema = z.object({
  userId: recordId(account.accountInvalid),
  password: z.string({ error: account.newPasswordRequired }).min(10, account.passwordTooShort).max(200, account.passwordTooLong),
});

export const NewTownshipSchema = z.object({
  code: z
    .string({ error: township.codeRequired })
    .trim()
    .regex(/^\d{6}[1-3]\d\d$/, township.newCodeFormat),
  name: z
    .string({ error: township.nameRequired })
    .trim()
    .regex(/^.{1,30}(镇|乡)$/u, township.nameFormat),
  kind: z.enum(township.kinds, { error: township.kindRequired }),
  seatedDeputies: z.preprocess(
    plainDecimal,
    z.coerce.number({ error: township.seatedRequired }).int(township.seatedWhole).min(1, township.seatedAtLeastOne).max(160, township.seatedTooMany),
  ),
  // The legal quota (代表名额) follows from it: domain/deputy-quota.ts.
  population: z.preprocess(
    plainDecimal,
    z.coerce
      .number({ error: township.populationRequired })
      .int(township.populationWhole)
      .min(0, township.populationNegative)
      .max(1_000_000, township.populationTooMany),
  ),
});

/** 450 (Election Law Art. 12) with the 5% allowance for many minority residents or a scattered population. */
const COUNTY_SEATED_MAX = 472;

/** 县级人大实有代表: set by an administrator until the county congress's roster is entered (then the roster decides). */
export const CongressSeatedSchema = z.object({
  code: z
    .string({ error: township.countyCodeRequired })
    .trim()
    .regex(/^\d{6}$/, township.countyCodeFormat),
  seatedDeputies: z.preprocess(
    plainDecimal,
    z.coerce
      .number({ error: township.seatedRequired })
      .int(township.seatedWhole)
      .min(1, township.seatedAtLeastOne)
      .max(COUNTY_SEATED_MAX, township.countySeatedTooMany),
  ),
});

export const RetireTownshipSchema = z.object({
  code: z
    .string({ error: township.codeRequired })
    .trim()
    .regex(/^\d{9}$/, township.codeFormat),
});
