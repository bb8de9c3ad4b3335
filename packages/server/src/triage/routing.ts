/**
 * Routing rules: each queue declares which cases it takes; a case goes to the first queue (by
 * position) whose rule matches it. Every condition given must hold; an empty rule takes everything.
 * A case linked to an active incident with a queue goes to that queue first (crisis protocol).
 */
import { z } from 'zod';

export const routingRuleSchema = z.strictObject({
  categories: z.array(z.string().max(100)).max(50).optional(),
  languages: z.array(z.string().max(20)).max(50).optional(),
  countries: z.array(z.string().length(2)).max(60).optional(),
  sourceTypes: z
    .array(z.enum(['notice', 'trusted_flagger', 'removal_order', 'authority', 'match']))
    .optional(),
  hashMatch: z.boolean().optional(),
  trustedFlagger: z.boolean().optional(),
  minPriority: z.number().int().optional(),
  /** Takes cases a classifier scored at least this high (0–1); a case never classified does not match. */
  minClassifierScore: z.number().min(0).max(1).optional(),
  /** `true`: cases linked to an active incident; `false`: cases not linked to one. */
  incident: z.boolean().optional(),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export interface RoutableCase {
  category: string;
  language: string | null;
  country: string | null;
  sourceType: string;
  matchCount: number;
  trustedFlagger: boolean;
  priority: number;
  /** Absent or null: never classified. */
  classifierScore?: number | null | undefined;
  /** The active incident the case is linked to, and the queue it sends its cases to. */
  incident?: { id: string; queueId: string | null } | null | undefined;
}

const within = (allowed: string[] | undefined, value: string | null) =>
  allowed === undefined || (value !== null && allowed.includes(value));

export function ruleMatches(rule: RoutingRule, c: RoutableCase): boolean {
  return (
    within(rule.categories, c.category) &&
    within(rule.languages, c.language) &&
    within(rule.countries, c.country) &&
    within(rule.sourceTypes, c.sourceType) &&
    (rule.hashMatch === undefined || rule.hashMatch === c.matchCount > 0) &&
    (rule.trustedFlagger === undefined || rule.trustedFlagger === c.trustedFlagger) &&
    (rule.minPriority === undefined || c.priority >= rule.minPriority) &&
    (rule.minClassifierScore === undefined ||
      (c.classifierScore != null && c.classifierScore >= rule.minClassifierScore)) &&
    (rule.incident === undefined || rule.incident === (c.incident != null))
  );
}

export function routeCase<Q extends { id?: string; rule: RoutingRule; position: number }>(
  queues: readonly Q[],
  c: RoutableCase,
): Q | undefined {
  const incidentQueue = c.incident?.queueId && queues.find((q) => q.id === c.incident?.queueId);
  if (incidentQueue) return incidentQueue;
  return [...queues].sort((a, b) => a.position - b.position).find((q) => ruleMatches(q.rule, c));
}
