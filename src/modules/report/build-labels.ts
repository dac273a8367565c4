/** 「2025年度」: the fiscal year as the reports name it (April to March). */
export function fiscalYearLabel(fy: number): string {
  return `${fy}年度`;
}
