/**
 * 代表名额 — the deputy quota of a township congress and of a county congress, from the
 * population, as the Election Law (《全国人民代表大会和地方各级人民代表大会选举法》, 2020
 * amendment) Art. 12(1) fixes them: a base number, one more deputy for each full block of
 * residents, and a cap.
 *
 * Deliberate simplifications, because the exact number is set by the standing committee one level
 * up for each congress (县级人大常委会 for a township, 市级 for a county):
 * - The base is used as the floor: the law *allows* fewer below a population it names (2,000 for a
 *   township, 50,000 for a county) but fixes no lower number, so the rule never goes below it.
 * - The optional extra 5% for many ethnic-minority residents or a scattered population (Art. 12,
 *   last paragraph) is not applied.
 */

interface QuotaRule {
  /** 代表名额基数 */
  base: number;
  /** One more deputy for each full block of this many residents. */
  residentsPerExtraDeputy: number;
  /** 代表总名额不得超过… */
  cap: number;
}

/** Art. 12(1)(4): 乡、民族乡、镇的代表名额基数为四十五名，每一千五百人可以增加一名代表；但是，代表总名额不得超过一百六十名。 */
const TOWNSHIP: QuotaRule = { base: 45, residentsPerExtraDeputy: 1500, cap: 160 };

/**
 * Art. 12(1)(3): 县、自治县、不设区的市、市辖区的代表名额基数为一百四十名，每五千人可以增加一名代表；
 * 人口超过一百五十五万的，代表总名额不得超过四百五十名。 (140 + 1,550,000 / 5,000 = 450: the cap.)
 */
const COUNTY: QuotaRule = { base: 140, residentsPerExtraDeputy: 5000, cap: 450 };

function quota(rule: QuotaRule, population: number): number {
  if (!Number.isFinite(population) || population < 0) {
    throw new RangeError(`population must be a finite number ≥ 0, got ${population}`);
  }
  return Math.min(rule.cap, rule.base + Math.floor(population / rule.residentsPerExtraDeputy));
}

/**
 * Township deputy quota (乡镇人大代表名额) for a township (乡、民族乡、镇) of the given population:
 * 45 + ⌊population / 1500⌋, capped at 160 (reached at 172,500 residents).
 *
 * @throws RangeError if `population` is negative, NaN or infinite.
 */
export function deputyQuota(population: number): number {
  return quota(TOWNSHIP, population);
}

/**
 * County deputy quota (县级人大代表名额) for a 县, 自治县, 县级市 or 区 of the given population:
 * 140 + ⌊population / 5000⌋, capped at 450 (reached at 1,550,000 residents).
 *
 * @throws RangeError if `population` is negative, NaN or infinite.
 */
export function countyDeputyQuota(population: number): number {
  return quota(COUNTY, population);
}
