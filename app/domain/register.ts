/**
 * Which register of townships the app counts against. The statistical division codes
 * (National Bureau of Statistics, 2023) give 1,522 乡+镇 in Hunan; the civil-affairs
 * register the province reports gave 1,524 乡镇 at the end of 2021. Coverage figures are
 * computed against the statistical register as held in the database (an administrator may
 * add or retire townships), and every page that shows a coverage figure names it.
 */
export const REGISTER = {
  /** 乡镇 in the civil-affairs register at the end of 2021; the names of both registers are in commonMessages.register. */
  civilAffairsTownships: 1524,
} as const;

/**
 * 人大层级: a township congress (乡镇人民代表大会) or a county congress (县级人民代表大会 of a 县,
 * 县级市 or 区, decision 019). Both hold the same vote under the same rules (quorum, majority of
 * all deputies, ranking, run-offs, secrecy); they differ in who issues the notice (notice-text.ts)
 * and in which register their coverage is counted against: all 乡镇, or the 122 county congresses.
 */
export const CONGRESS_LEVELS = ["township", "county"] as const;
export type CongressLevel = (typeof CONGRESS_LEVELS)[number];

/** A congress's code: a township's 9-digit statistical code, or a county congress's 6-digit county code. */
export const CONGRESS_CODE = /^(\d{6}|\d{9})$/;
