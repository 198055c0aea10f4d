/**
 * Which register of townships the app counts against. The statistical division codes
 * (National Bureau of Statistics, 2023) give 1,522 乡+镇 in Hunan; the civil-affairs
 * register the province reports gave 1,524 乡镇 at the end of 2021. Coverage figures are
 * computed against the statistical register as held in the database (an administrator may
 * add or retire townships), and every page that shows a coverage figure names it.
 */
export const REGISTER = {
  name: "国家统计局2023年统计用区划代码",
  shortName: "统计用区划代码",
  civilAffairsTownships: 1524,
  civilAffairsSource: "民政部门统计（2021年底）",
} as const;
