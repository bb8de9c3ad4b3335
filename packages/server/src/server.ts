/**
 * Starts a Vigie server process: storage, migrations, first start, HTTP, and the job worker.
 * Several processes may run against one PostgreSQL database.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { operations } from './api/index.ts';
import { bankIndexes } from './banks/bank-indexes.ts';
import { DELIVER_WEBHOOK_JOB, webhookDeliveryHandler } from './banks/webhooks.ts';
import type { ServerConfig } from './config.ts';
import { Keyring } from './crypto/keyring.ts';
import { loadMasterKey } from './crypto/master-key.ts';
import { buildApp } from './http/app.ts';
import { ensureFirstOrganisation, firstStartBanner } from './identity/first-start.ts';
import { MAINTENANCE_JOB, purgeExpired, scheduleMaintenance } from './jobs/maintenance.ts';
import { startJobWorker, type JobHandler, type JobWorker } from './jobs/worker.ts';
import { createLogger } from './logger.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { noticeJobHandlers } from './notices/jobs.ts';
import { caseJobHandlers } from './cases/jobs.ts';
import { openStorage, type Storage } from './storage/database.ts';
import {
  EVIDENCE_RETENTION_JOB,
  LIVENESS_CHECK_JOB,
  livenessCheckHandler,
  retentionPurgeHandler,
} from './evidence/index.ts';
import { outboundOptions } from './outbound/index.ts';
import { NOTIFICATION_SEND_JOB } from './notifications/outbox.ts';
import { notificationSendHandler } from './notifications/send.ts';
import { safeTransport } from './notices/transport.ts';
import { TDB_SUBMIT_JOB, submitTdbBatch } from './transparency/tdb-submission.ts';
import { safeWebhookSender } from './webhooks/delivery.ts';

/**
 * The job kinds every server process runs, built from that process's configuration and keyring: a
 * handler reads no environment of its own, so it works with exactly the settings the server started with.
 */
export function builtinJobHandlers({
  config,
  keyring,
}: {
  config: ServerConfig;
  keyring: Keyring;
}): Record<string, JobHandler> {
  const send = safeWebhookSender(config);
  return {
    [MAINTENANCE_JOB]: purgeExpired,
    [DELIVER_WEBHOOK_JOB]: webhookDeliveryHandler({ keyring, send }),
    ...noticeJobHandlers({ transport: safeTransport(config) }),
    ...caseJobHandlers({ keyring, dataDir: config.dataDir, send }),
    [LIVENESS_CHECK_JOB]: livenessCheckHandler(() => outboundOptions(config)),
    [NOTIFICATION_SEND_JOB]: notificationSendHandler({ keyring, smtp: config.smtp }),
    [TDB_SUBMIT_JOB]: submitTdbBatch,
    // The purge deletes blobs: it needs the keyring and data folder this process opened.
    [EVIDENCE_RETENTION_JOB]: retentionPurgeHandler({ keyring, dataDir: config.dataDir }),
  };
}

export interface StartOptions {
  log?: Logger;
  /** Extra job kinds this process runs, on top of the built-in ones. */
  jobHandlers?: Readonly<Record<string, JobHandler>>;
  /** Where the first-start banner goes (stdout by default). */
  announce?: (text: string) => void;
  serveConsole?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  storage: Storage;
  url: string;
  worker: JobWorker | undefined;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const storage = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrateToLatest(storage.db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    const keyring = new Keyring(loadMasterKey({ fromEnv: config.masterKey, dataDir: config.dataDir }));
    const app = await buildApp(
      { db: storage.db, config, log, keyring },
      { operations, serveConsole: options.serveConsole ?? true },
    );
    // Bank indexes are in memory: load them before taking requests, then follow the change log.
    const banks = bankIndexes(storage.db, log);
    await banks.start();
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;

    const credentials = await ensureFirstOrganisation(storage.db, config.firstStart);
    if (credentials)
      (options.announce ?? ((text) => process.stdout.write(text)))(firstStartBanner(credentials, url));

    let worker: JobWorker | undefined;
    let stopMaintenance = () => {};
    if (config.jobConcurrency > 0) {
      worker = startJobWorker({
        db: storage.db,
        handlers: { ...builtinJobHandlers({ config, keyring }), ...options.jobHandlers },
        log,
        concurrency: config.jobConcurrency,
        leaseMs: config.jobLeaseMs,
      });
      stopMaintenance = scheduleMaintenance(storage.db, (error) =>
        log.warn({ err: error }, 'could not schedule maintenance'),
      );
    }
    log.info({ url, database: storage.dialect, location: storage.location }, 'vigie is serving');
    return {
      app,
      storage,
      url,
      worker,
      async close() {
        stopMaintenance();
        await app.close();
        await banks.stop();
        await worker?.stop();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
