/** 估算投资: candidates store hundredths of 万元; readers expect "1,234.50万元". */
const wan = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatWan(cents: number): string {
  return `${wan.format(cents / 100)}万元`;
}

export function Wan({ cents }: { cents: number }) {
  return <>{formatWan(cents)}</>;
}
