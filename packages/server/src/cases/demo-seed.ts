/**
 * `vigie demo seed` and `POST /api/v1/demo/seed`: a realistic dataset made through the real code
 * paths — public and API intake, bank matches, triage claims, decisions of every kind with their
 * notices, appeals and reversals, and on the civil-society side evidence captures and notices sent to
 * demo platforms — so newcomers, the console and benchmarks see what production would hold. A seeded
 * PRNG makes a run reproducible (same seed, same shape; ids and times differ).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Keyring } from '../crypto/keyring.ts';
import { recordSyntheticCapture } from '../evidence/synthetic-capture.ts';
import type { Actor } from '../identity/actor.ts';
import { rolePermissions } from '../identity/permissions.ts';
import { createApiKey } from '../identity/api-keys.ts';
import { createUser } from '../identity/users.ts';
import { systemActor } from '../identity/actor.ts';
import { ensureDemoPlatforms, sendDemoNotice, type DemoResponse } from '../notices/demo-notices.ts';
import type { Platform } from '../platforms/platforms.ts';
import type { Database } from '../storage/schema.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { CONTENT_LANGUAGES, keywordsByCategory, type CategoryKey, type KeywordKey } from '../taxonomy/dsa.ts';
import { frenchLegalGrounds, type FrenchLegalGround } from '../taxonomy/french-law.ts';
import type { DecisionFieldsInput } from '../transparency/decision-fields.ts';
import { claimCase } from '../triage/claims.ts';
import { actions, type Action } from './actions.ts';
import { decideAppeal, submitAppeal } from './appeals.ts';
import { decideCase } from './decisions.ts';
import type { Job } from '../jobs/outbox.ts';
import { submitReport, ANONYMOUS_CATEGORY, type NotifierType } from './intake.ts';
import { openCaseFromMatch } from './jobs.ts';
import { notifyAppealDecision, notifyDecision } from './notify.ts';

/** Mulberry32: small, fast, good enough to pick demo data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}
type Rng = ReturnType<typeof prng>;

interface Locale {
  language: string;
  country: string;
  explanation: string;
  reporterNames: readonly string[];
}

const locales: readonly Locale[] = [
  {
    language: 'fr',
    country: 'FR',
    explanation: 'Ce contenu est manifestement illicite : il est public et continue d’être partagé.',
    reporterNames: ['Camille Martin', 'Yanis Benali', 'Léa Dubois'],
  },
  {
    language: 'en',
    country: 'IE',
    explanation: 'This content is illegal and is still being shared publicly on the platform.',
    reporterNames: ['Aoife Byrne', 'Liam Walsh'],
  },
  {
    language: 'de',
    country: 'DE',
    explanation: 'Dieser Inhalt ist rechtswidrig und wird weiterhin öffentlich geteilt.',
    reporterNames: ['Jonas Becker', 'Mia Schneider'],
  },
  {
    language: 'ar',
    country: 'FR',
    explanation: 'هذا المحتوى غير قانوني ولا يزال يُنشر علنًا على المنصة.',
    reporterNames: ['Nadia Haddad', 'Karim Mansour'],
  },
  {
    language: 'es',
    country: 'ES',
    explanation: 'Este contenido es ilegal y se sigue compartiendo públicamente.',
    reporterNames: ['Lucía García', 'Pablo Ruiz'],
  },
  {
    language: 'pl',
    country: 'PL',
    explanation: 'Ta treść jest nielegalna i nadal jest publicznie udostępniana.',
    reporterNames: ['Zofia Nowak', 'Piotr Wójcik'],
  },
  {
    language: 'it',
    country: 'IT',
    explanation: 'Questo contenuto è illegale e continua a essere condiviso pubblicamente.',
    reporterNames: ['Giulia Romano', 'Marco Ricci'],
  },
];

const hosts = ['social.example', 'video.example', 'forum.example', 'images.example'];

/** Actions and how often reviewers take them. */
const actionWeights: Readonly<Record<Action, number>> = {
  remove: 30,
  disable_in_territories: 8,
  demote: 8,
  label: 8,
  age_restrict: 6,
  suspend_account: 6,
  terminate_account: 4,
  no_action: 30,
};

function pickAction(rng: Rng): Action {
  const total = actions.reduce((s, a) => s + actionWeights[a], 0);
  let x = rng.next() * total;
  for (const a of actions) {
    x -= actionWeights[a];
    if (x < 0) return a;
  }
  return 'no_action';
}

/** The ground's keywords that the TDB accepts for its categories. */
function keywordsOf(ground: FrenchLegalGround): KeywordKey[] {
  const allowed = new Set(
    [ground.dsaCategory, ...ground.dsaCategoryAdditions].flatMap((c) => keywordsByCategory[c]),
  );
  return ground.dsaKeywords.filter((k) => allowed.has(k));
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function fieldsFor(
  rng: Rng,
  action: Action,
  ground: FrenchLegalGround,
  locale: Locale,
  sourceType: string,
  now: number,
): DecisionFieldsInput {
  const language = locale.language.toUpperCase();
  const territories =
    action === 'disable_in_territories'
      ? [locale.country]
      : rng.chance(0.5)
        ? [locale.country]
        : ['FR', 'BE', 'LU'];
  const legal = rng.chance(0.7);
  return {
    restrictions: {},
    ground: legal
      ? {
          type: 'DECISION_GROUND_ILLEGAL_CONTENT',
          legalGround: ground.legalGround,
          explanation: `${ground.labelEn}: the content meets the elements of the offence.`,
          legalGroundId: ground.id,
        }
      : {
          type: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
          termsGround: 'Community guidelines §4 (harmful content)',
          explanation: `${ground.labelEn}: not allowed under our terms of service.`,
          alsoIllegal: rng.chance(0.5),
        },
    contentTypes: [rng.pick(['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_VIDEO'] as const)],
    category: ground.dsaCategory,
    categoryAdditions: [...ground.dsaCategoryAdditions],
    keywords: keywordsOf(ground),
    territorialScope: territories as DecisionFieldsInput['territorialScope'],
    ...((CONTENT_LANGUAGES as readonly string[]).includes(language)
      ? { contentLanguage: language as DecisionFieldsInput['contentLanguage'] }
      : {}),
    contentDate: day(now - rng.int(1, 60) * 86_400_000),
    facts: `Content reported as "${ground.labelEn}" and reviewed by a moderator.`,
    sourceType: sourceType as DecisionFieldsInput['sourceType'],
    automatedDetection: sourceType === 'SOURCE_VOLUNTARY',
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  };
}

const tdbSource: Readonly<Record<string, string>> = {
  notice: 'SOURCE_ARTICLE_16',
  trusted_flagger: 'SOURCE_TRUSTED_FLAGGER',
  removal_order: 'SOURCE_TYPE_OTHER_NOTIFICATION',
  authority: 'SOURCE_TYPE_OTHER_NOTIFICATION',
  match: 'SOURCE_VOLUNTARY',
};

export interface DemoSeedOptions {
  cases: number;
  seed?: number;
  keyring: Keyring;
  dataDir: string;
  /** Called after each case (progress). */
  onCase?: (done: number) => void;
}

export interface DemoSeedResult {
  cases: number;
  reports: number;
  decisions: Record<string, number>;
  appeals: number;
  reversals: number;
  matches: number;
  /** Cases with a (synthetic) capture of the reported page in the evidence vault. */
  evidenceCaptures: number;
  /** Notices sent to demo platforms, by what the platform did with them. */
  notices: Record<DemoResponse, number>;
}

async function demoReviewers(db: Db, orgId: string): Promise<Actor[]> {
  const { slug } = await db
    .selectFrom('organisations')
    .select('slug')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  // Emails are unique across organisations: each organisation's demo moderators carry its slug.
  const wanted = [
    { email: `demo-moderator-fr+${slug}@vigie.local`, languages: ['fr', 'en', 'ar'] },
    { email: `demo-moderator-de+${slug}@vigie.local`, languages: ['de', 'en', 'pl'] },
    { email: `demo-moderator-es+${slug}@vigie.local`, languages: ['es', 'it', 'en'] },
  ];
  const actors: Actor[] = [];
  for (const w of wanted) {
    let user = await db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', orgId)
      .where('email', '=', w.email)
      .executeTakeFirst();
    if (!user) {
      // A random password nobody knows: an admin resets it to use the account.
      user = await createUser(db, systemActor(orgId, 'demo-seed'), {
        email: w.email,
        role: 'moderator',
        password: randomBytes(24).toString('base64url'),
        languages: w.languages,
      });
    }
    actors.push({
      type: 'user',
      id: user.id,
      orgId,
      role: 'moderator',
      permissions: rolePermissions.moderator,
      mustChangePassword: false,
      sessionId: 'demo-seed',
    });
  }
  return actors;
}

/** The platform's intake key (trusted-flagger and authority notices arrive through the API). */
async function demoPlatformKey(db: Db, orgId: string): Promise<Actor> {
  const name = 'Demo platform intake';
  const permissions = new Set(['reports:submit'] as const);
  const existing = await db
    .selectFrom('api_keys')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .executeTakeFirst();
  const id =
    existing?.id ??
    (await createApiKey(db, systemActor(orgId, 'demo-seed'), { name, permissions: [...permissions] })).apiKey
      .id;
  return { type: 'api_key', id, orgId, permissions };
}

interface SeedContext {
  orgId: string;
  rng: Rng;
  /** What intake and evidence need: the keyring and the data folder. */
  deps: { keyring: Keyring; dataDir: string };
  reviewers: Actor[];
  apiKey: Actor;
  result: DemoSeedResult;
}

interface SeededContent {
  locale: Locale;
  ground: FrenchLegalGround;
  url: string;
}

/** Intake, then for most cases a review, a decision and sometimes an appeal; returns the case id. */
async function reportAndReview(
  trx: Transaction<Database>,
  { orgId, rng, deps, reviewers, apiKey, result }: SeedContext,
  { locale, ground, url }: SeededContent,
): Promise<string> {
  const kind = rng.next();
  const notifierType: NotifierType =
    kind < 0.1 ? 'trusted_flagger' : kind < 0.13 ? 'authority' : 'individual';
  const anonymous = ground.dsaCategory === ANONYMOUS_CATEGORY && rng.chance(0.6);
  const reports = notifierType === 'individual' ? rng.int(1, 3) : 1;
  let caseId = '';
  if (rng.chance(0.08)) {
    // Found by a hash bank first, then reported.
    const effects = await openCaseFromMatch(
      {
        id: randomUUID(),
        payload: {
          orgId,
          content: { url, hashes: { sha256: randomBytes(32).toString('hex') }, mediaType: 'image/jpeg' },
          matches: [
            {
              bankId: 'demo-bank',
              entryId: randomUUID(),
              distance: rng.int(0, 20),
              labels: ['gifct:glorification'],
            },
          ],
        },
      } as unknown as Job,
      trx,
    );
    if (effects) await effects(trx);
    result.matches++;
  }
  for (let r = 0; r < reports; r++) {
    const reporter = anonymous
      ? undefined
      : { name: rng.pick(locale.reporterNames), email: `reporter${rng.int(1, 400)}@example.net` };
    const submitted = await submitReport(
      trx,
      deps,
      orgId,
      notifierType === 'individual' ? undefined : apiKey,
      {
        notice: {
          url,
          explanation: locale.explanation,
          category: ground.dsaCategory as CategoryKey,
          keywords: [...ground.dsaKeywords],
          language: locale.language,
          country: locale.country,
          ...(reporter ? { reporter } : {}),
          reporterLanguage: locale.language === 'fr' ? 'fr' : 'en',
          goodFaith: true,
        },
        channel: notifierType === 'individual' ? 'web_form' : 'api',
        notifierType,
        removalOrder: notifierType === 'authority',
      },
      null,
    );
    caseId = submitted.caseId;
    result.reports++;
  }
  const kase = await trx
    .selectFrom('cases')
    .select(['source_type', 'status'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const sourceType = kase.source_type;
  result.cases++;
  if (kase.status !== 'open' || !rng.chance(0.8)) return caseId;

  const reviewer = rng.pick(reviewers);
  await claimCase(trx, reviewer, caseId, null);
  const action = pickAction(rng);
  const unfounded = action === 'no_action' && rng.chance(0.3);
  const outcome = await decideCase(
    trx,
    reviewer,
    caseId,
    {
      action,
      fields:
        action === 'no_action'
          ? undefined
          : fieldsFor(rng, action, ground, locale, tdbSource[sourceType] ?? 'SOURCE_ARTICLE_16', Date.now()),
      statement:
        action === 'no_action' ? 'After review, the content does not break the law or our terms.' : undefined,
      manifestlyUnfounded: unfounded,
    },
    null,
  );
  await notifyDecision(trx, deps.keyring, reviewer, outcome, {
    ...(rng.chance(0.5) ? { email: `author${rng.int(1, 999)}@example.org` } : {}),
    language: locale.language === 'fr' ? 'fr' : 'en',
  });
  result.decisions[action] = (result.decisions[action] ?? 0) + 1;

  // Appeals: the affected party contests some restrictions, a reporter some refusals to act.
  const token = outcome.appealToken;
  const reporterRef = await trx
    .selectFrom('reports')
    .select('reference')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const appealWith =
    token && rng.chance(0.15)
      ? token
      : !token && !unfounded && rng.chance(0.1)
        ? reporterRef.reference
        : null;
  if (!appealWith) return caseId;
  const { appealId } = await submitAppeal(
    trx,
    { token: appealWith, grounds: 'I disagree with this decision; please look again.' },
    null,
  );
  result.appeals++;
  if (!rng.chance(0.7)) return caseId;
  const other = reviewers.find((r) => r.id !== reviewer.id) as Actor;
  const reverse = rng.chance(0.4);
  const newAction: Action = token ? 'no_action' : 'remove';
  const decided = await decideAppeal(
    trx,
    other,
    appealId,
    {
      outcome: reverse ? 'reversed' : 'upheld',
      statement: reverse
        ? 'On a second look, the first decision was wrong.'
        : 'The decision stands after a second review.',
      newAction: reverse ? newAction : undefined,
      newFields:
        reverse && newAction !== 'no_action'
          ? fieldsFor(
              rng,
              newAction,
              ground,
              locale,
              tdbSource[sourceType] ?? 'SOURCE_ARTICLE_16',
              Date.now(),
            )
          : undefined,
    },
    null,
  );
  await notifyAppealDecision(trx, deps.keyring, other, decided);
  if (reverse) result.reversals++;
  return caseId;
}

/** Shares of cases the civil-society side works on: captured as evidence, then notified. */
const EVIDENCE_SHARE = 0.25;
const NOTICE_SHARE_OF_CAPTURED = 0.7;

function demoPage(url: string, locale: Locale, ground: FrenchLegalGround): string {
  const text = (value: string) =>
    value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
  return [
    '<!doctype html>',
    `<html lang="${locale.language}"><head><meta charset="utf-8"><title>${text(new URL(url).host)}</title></head>`,
    '<body><article>',
    `<p>Demonstration post standing for content reported as “${text(ground.labelEn)}”.</p>`,
    `<p><a href="${text(url)}">${text(url)}</a></p>`,
    '</article></body></html>',
  ].join('\n');
}

/**
 * The civil-society side of a seeded case: a snapshot of the reported page in the evidence vault
 * for a share of cases, and for most of those a notice to the demo platform hosting it.
 */
async function workOnCaseAsHotline(
  trx: Db,
  { orgId, deps, result }: SeedContext,
  rng: Rng,
  platforms: ReadonlyMap<string, Platform>,
  caseId: string,
  { locale, ground, url }: SeededContent,
): Promise<void> {
  if (!rng.chance(EVIDENCE_SHARE)) return;
  const actor = systemActor(orgId, 'demo-seed');
  await recordSyntheticCapture(trx, deps, actor, { caseId, url, html: demoPage(url, locale, ground) });
  result.evidenceCaptures++;
  const platform = platforms.get(new URL(url).host);
  if (!platform || !rng.chance(NOTICE_SHARE_OF_CAPTURED)) return;
  const response = await sendDemoNotice(trx, actor, {
    platform,
    caseId,
    legalBasis: ground.legalGround,
    random: rng.next,
    now: Date.now(),
  });
  result.notices[response]++;
}

/**
 * Seeds `options.cases` cases into the organisation, one transaction per case (or inside the
 * caller's transaction when `db` is one).
 */
export async function seedDemo(db: Db, orgId: string, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const seed = options.seed ?? 20261122;
  const rng = prng(seed);
  // Its own stream, so the civil-society side leaves the shape of the cases as it was.
  const hotlineRng = prng(seed ^ 0x5eed);
  const context: SeedContext = {
    orgId,
    rng,
    deps: { keyring: options.keyring, dataDir: options.dataDir },
    reviewers: await demoReviewers(db, orgId),
    apiKey: await demoPlatformKey(db, orgId),
    result: {
      cases: 0,
      reports: 0,
      decisions: {},
      appeals: 0,
      reversals: 0,
      matches: 0,
      evidenceCaptures: 0,
      notices: { decided: 0, acknowledged: 0, ignored: 0 },
    },
  };
  const platforms = await ensureDemoPlatforms(db, options.keyring, systemActor(orgId, 'demo-seed'));

  for (let i = 0; i < options.cases; i++) {
    const locale = rng.pick(locales);
    const ground = rng.pick(frenchLegalGrounds);
    const url = `https://${rng.pick(hosts)}/${locale.language}/${randomUUID().slice(0, 13)}`;
    const content: SeededContent = { locale, ground, url };
    await inTransaction(db, async (trx) => {
      const caseId = await reportAndReview(trx, context, content);
      await workOnCaseAsHotline(trx, context, hotlineRng, platforms, caseId, content);
    });
    options.onCase?.(i + 1);
  }
  return context.result;
}
