/** Base number of deputies of every township congress (代表名额基数). */
const BASE = 45;
/** One more deputy for each full block of this many residents (每一千五百人可以增加一名代表). */
const RESIDENTS_PER_EXTRA_DEPUTY = 1500;
/** The total may not exceed this (代表总名额不得超过一百六十名). */
const CAP = 160;

/**
 * Township deputy quota (乡镇人大代表名额) for a township (乡、民族乡、镇) of the given population.
 *
 * Election Law (《全国人民代表大会和地方各级人民代表大会选举法》, 2020 amendment), Art. 12(1)(4):
 * 乡、民族乡、镇的代表名额基数为四十五名，每一千五百人可以增加一名代表；
 * 但是，代表总名额不得超过一百六十名；人口不足二千的，代表总名额可以少于四十五名。
 *
 * So the quota is 45 + ⌊population / 1500⌋, capped at 160 (reached at 172,500 residents).
 *
 * Deliberate simplifications, because the exact number is set by the county congress
 * standing committee (县级人大常委会) for each township:
 * - 45 is used as the floor: the law *allows* fewer than 45 below 2,000 residents but
 *   fixes no lower number, so this function never goes below 45.
 * - The optional extra 5% for townships with many ethnic-minority residents or a scattered
 *   population (Art. 12, last paragraph) is not applied.
 *
 * @throws RangeError if `population` is negative, NaN or infinite.
 */
export function deputyQuota(population: number): number {
  if (!Number.isFinite(population) || population < 0) {
    throw new RangeError(`population must be a finite number ≥ 0, got ${population}`);
  }
  return Math.min(CAP, BASE + Math.floor(population / RESIDENTS_PER_EXTRA_DEPUTY));
}
