/** A case's SLA state from its due time: what the queue filter and badges show. Pure. */
export const slaStates = ['overdue', 'due_soon', 'on_time', 'none'] as const;
export type SlaState = (typeof slaStates)[number];

/** "Due soon" means within the next hour. */
export const DUE_SOON_MS = 60 * 60 * 1000;

export function slaStateOf(dueAt: number | null, now: number): SlaState {
  if (dueAt === null) return 'none';
  if (dueAt <= now) return 'overdue';
  return dueAt - now <= DUE_SOON_MS ? 'due_soon' : 'on_time';
}
