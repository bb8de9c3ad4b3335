/** Shared fixtures for the notice-and-action tests: a valid notice and valid decision fields. */
import type { TestApp } from '../support/app.ts';

export function notice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: `https://social.example/posts/${Math.random().toString(36).slice(2)}`,
    explanation: 'This post glorifies a terrorist attack and calls for more.',
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    keywords: ['KEYWORD_TERRORIST_CONTENT'],
    language: 'fr',
    country: 'FR',
    reporter: { name: 'Camille Martin', email: 'camille.martin@example.net' },
    goodFaith: true,
    ...overrides,
  };
}

/** Statement-of-reasons fields that satisfy the TDB rules (spec domain.md §1.4). */
export function decisionFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    restrictions: { visibility: { types: ['DECISION_VISIBILITY_CONTENT_REMOVED'] } },
    ground: {
      type: 'DECISION_GROUND_ILLEGAL_CONTENT',
      legalGround: 'Art. 421-2-5 Code pénal (FR)',
      explanation: 'Public glorification of a terrorist act.',
    },
    contentTypes: ['CONTENT_TYPE_TEXT'],
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    keywords: ['KEYWORD_TERRORIST_CONTENT'],
    territorialScope: ['FR'],
    contentDate: '2026-11-01',
    facts: 'A post praising an attack, reported by a user.',
    sourceType: 'SOURCE_ARTICLE_16',
    automatedDetection: false,
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    ...overrides,
  };
}

export async function publicReport(
  t: TestApp,
  organisation: string,
  body: Record<string, unknown> = notice(),
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/public/reports',
    payload: { organisation, ...body },
    headers,
  });
}
