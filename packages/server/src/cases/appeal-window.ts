/** Art. 20(1)–(2): complaints are open for at least six months from the day the person is informed. */
export const APPEAL_MONTHS = 6;

export function appealDeadline(informedAt: number): number {
  const d = new Date(informedAt);
  const month = d.getUTCMonth() + APPEAL_MONTHS;
  const target = new Date(Date.UTC(d.getUTCFullYear(), month, 1));
  // Keep the day of month, clamped to the target month's length (31 Aug + 6 months = 28/29 Feb).
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  target.setUTCHours(23, 59, 59, 999);
  return target.getTime();
}
