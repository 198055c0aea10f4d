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
