/**
 * Service configuration, read once from the environment. Every setting has a working default so
 * `npm start` needs none.
 */
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('localhost'),
  VIGIE_DATA_DIR: z.string().default('./vigie-data'),
  DATABASE_URL: z.string().url().optional(),
  VIGIE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest JSON body accepted, in bytes. */
  VIGIE_BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Requests per minute per client address on public endpoints. */
  VIGIE_PUBLIC_RATE_LIMIT: z.coerce.number().int().positive().default(300),
  /** Login attempts per minute per client address. */
  VIGIE_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Jobs run at once by this process; 0 runs no worker (API-only process). */
  VIGIE_JOB_CONCURRENCY: z.coerce.number().int().min(0).default(4),
  /** How long a claimed job stays with its worker without a heartbeat before another may take it. */
  VIGIE_JOB_LEASE_MS: z.coerce.number().int().min(100).default(30_000),
  /** Set to 1 only when serving plain HTTP to something other than localhost (cookies lose `Secure`). */
  VIGIE_INSECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** Name of the organisation created on first start. */
  VIGIE_ORG_NAME: z.string().min(1).default('My organisation'),
  VIGIE_ADMIN_EMAIL: z.string().email().default('admin@vigie.local'),
  /** Base64 32-byte key wrapping the organisations' data keys; default: <data dir>/master.key. */
  VIGIE_MASTER_KEY: z.string().optional(),
  /** Largest image and video a check upload accepts, in bytes (refused before being buffered). */
  VIGIE_CHECK_MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  VIGIE_CHECK_MAX_VIDEO_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
  /** User-Agent of every outbound fetch (captures, liveness checks, webhooks). */
  VIGIE_FETCH_USER_AGENT: z
    .string()
    .min(1)
    .default('Vigie/0.1 (+https://github.com/vigie; evidence capture)'),
  /** host:port list that outbound fetches may reach although private (local test servers, on-premise). */
  VIGIE_OUTBOUND_ALLOW_HOSTS: z.string().default(''),
  /** Largest outbound response body, in bytes. */
  VIGIE_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** Total time allowed for one outbound fetch, redirects included. */
  VIGIE_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  /** When captured URLs are re-checked, after capture: e.g. `24h,48h,7d` (units m, h, d). */
  /** Take a Chromium screenshot with each URL capture when Chromium is installed (1) or never (0). */
  VIGIE_EVIDENCE_SCREENSHOTS: z.enum(['0', '1']).default('1'),
  /** Sub-resources (images, stylesheets, scripts) fetched with each captured page, at most. */
  VIGIE_EVIDENCE_MAX_RESOURCES: z.coerce.number().int().min(0).default(20),
  /** Largest evidence file accepted by upload, in bytes (held in memory while sealed). */
  VIGIE_EVIDENCE_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  /** SMTP server for notices to reporters and affected users (smtp:// or smtps://); unset: kept in the console. */
  VIGIE_SMTP_URL: z.string().trim().optional(),
  VIGIE_SMTP_FROM: z.string().trim().min(1).default('Vigie <no-reply@localhost>'),
  VIGIE_LIVENESS_DELAYS: z
    .string()
    .regex(/^\s*\d+[mhd](\s*,\s*\d+[mhd])*\s*$/, 'a list like 24h,48h,7d')
    .default('24h,48h,7d'),
});

export interface SmtpSettings {
  url: string;
  from: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['VIGIE_LOG_LEVEL'];
  bodyLimit: number;
  publicRateLimit: number;
  loginRateLimit: number;
  jobConcurrency: number;
  jobLeaseMs: number;
  secureCookies: boolean;
  firstStart: { organisationName: string; adminEmail: string };
  masterKey: string | undefined;
  checkUploadLimits: { imageBytes: number; videoBytes: number };
  outbound: { userAgent: string; allowHosts: string[]; maxBytes: number; timeoutMs: number };
  /** Delays after capture at which a captured URL is fetched again, in milliseconds. */
  livenessDelaysMs: number[];
  evidence: { screenshots: boolean; maxResources: number; maxUploadBytes: number };
  /** Undefined when no SMTP server is configured. */
  smtp: SmtpSettings | undefined;
}

const DURATION_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.VIGIE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.VIGIE_LOG_LEVEL,
    bodyLimit: e.VIGIE_BODY_LIMIT,
    publicRateLimit: e.VIGIE_PUBLIC_RATE_LIMIT,
    loginRateLimit: e.VIGIE_LOGIN_RATE_LIMIT,
    jobConcurrency: e.VIGIE_JOB_CONCURRENCY,
    jobLeaseMs: e.VIGIE_JOB_LEASE_MS,
    secureCookies: e.VIGIE_INSECURE_COOKIES === '0',
    firstStart: { organisationName: e.VIGIE_ORG_NAME, adminEmail: e.VIGIE_ADMIN_EMAIL },
    masterKey: e.VIGIE_MASTER_KEY,
    checkUploadLimits: {
      imageBytes: e.VIGIE_CHECK_MAX_IMAGE_BYTES,
      videoBytes: e.VIGIE_CHECK_MAX_VIDEO_BYTES,
    },
    outbound: {
      userAgent: e.VIGIE_FETCH_USER_AGENT,
      allowHosts: e.VIGIE_OUTBOUND_ALLOW_HOSTS.split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      maxBytes: e.VIGIE_FETCH_MAX_BYTES,
      timeoutMs: e.VIGIE_FETCH_TIMEOUT_MS,
    },
    evidence: {
      screenshots: e.VIGIE_EVIDENCE_SCREENSHOTS === '1',
      maxResources: e.VIGIE_EVIDENCE_MAX_RESOURCES,
      maxUploadBytes: e.VIGIE_EVIDENCE_MAX_UPLOAD_BYTES,
    },
    smtp: e.VIGIE_SMTP_URL ? { url: e.VIGIE_SMTP_URL, from: e.VIGIE_SMTP_FROM } : undefined,
    livenessDelaysMs: e.VIGIE_LIVENESS_DELAYS.split(',').map((d) => {
      const text = d.trim();
      return Number(text.slice(0, -1)) * DURATION_UNIT_MS[text.slice(-1) as keyof typeof DURATION_UNIT_MS];
    }),
  };
}
