/** Queue dashboard figures: open and overdue cases per queue. */
import type { Db } from '../storage/transaction.ts';
import { listQueues, type Queue } from './queues.ts';

export async function queueStats(
  db: Db,
  orgId: string,
  now = Date.now(),
): Promise<(Queue & { open: number; overdue: number })[]> {
  const queues = await listQueues(db, orgId);
  const counts = await db
    .selectFrom('cases')
    .select((eb) => [
      'queue_id',
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('due_at', '<', now).then(1).else(0).end()).as('overdue'),
    ])
    .where('org_id', '=', orgId)
    .where('status', '=', 'open')
    .groupBy('queue_id')
    .execute();
  return queues.map((q) => {
    const c = counts.find((r) => r.queue_id === q.id);
    return { ...q, open: Number(c?.open ?? 0), overdue: Number(c?.overdue ?? 0) };
  });
}
