/**
 * Envelope encryption per organisation. Each organisation has a random AES-256 data key stored
 * wrapped (AES-256-GCM) under the master key; data is sealed with the organisation's data key, so
 * one organisation's ciphertext cannot be opened with another's key, and rotating the master key
 * means re-wrapping data keys only.
 *
 * Sealed format: 0x01 | data key id (16 bytes) | IV (12) | GCM tag (16) | ciphertext.
 * `context` is authenticated but not stored (e.g. "report:<id>:contact"): ciphertext moved to
 * another record does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { inTransaction, isPostgres, type Db } from '../storage/transaction.ts';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ID_BYTES = 16;

function gcmSeal(
  key: Buffer,
  plaintext: Buffer,
  aad: Buffer,
): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function gcmOpen(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidString = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export class DecryptionError extends Error {}

export class Keyring {
  readonly #masterKey: Buffer;
  readonly #dataKeys = new Map<string, { orgId: string; key: Buffer }>();
  readonly #activeKeyOf = new Map<string, string>();

  constructor(masterKey: Buffer) {
    this.#masterKey = masterKey;
  }

  /**
   * The organisation's active data key, created on first use. A key read or created inside a
   * caller's transaction is cached only once that transaction can no longer roll it back: when the
   * caller passed the database itself (our own transaction has committed by then). Otherwise a
   * rolled-back key could stay cached and seal later data under a key that was never stored.
   */
  async #activeKey(db: Db, orgId: string): Promise<{ id: string; key: Buffer }> {
    const cachedId = this.#activeKeyOf.get(orgId);
    if (cachedId) return { id: cachedId, key: this.#dataKeys.get(cachedId)!.key };
    const active = await inTransaction(db, async (trx) => {
      const existing = await trx
        .selectFrom('organisation_keys')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('created_at', 'desc')
        .$if(isPostgres(trx), (q) => q.forUpdate())
        .executeTakeFirst();
      if (existing) {
        return {
          id: existing.id,
          key: this.#unwrap(existing.id, orgId, Buffer.from(existing.wrapped_key, 'base64')),
        };
      }
      const id = randomUUID();
      const key = randomBytes(32);
      await trx
        .insertInto('organisation_keys')
        .values({
          id,
          org_id: orgId,
          wrapped_key: this.#wrap(id, orgId, key).toString('base64'),
          created_at: Date.now(),
        })
        .execute();
      return { id, key };
    });
    if (!db.isTransaction) {
      this.#dataKeys.set(active.id, { orgId, key: active.key });
      this.#activeKeyOf.set(orgId, active.id);
    }
    return active;
  }

  #wrap(id: string, orgId: string, key: Buffer): Buffer {
    const { iv, tag, ciphertext } = gcmSeal(
      this.#masterKey,
      key,
      Buffer.from(`vigie-data-key:${id}:${orgId}`),
    );
    return Buffer.concat([iv, tag, ciphertext]);
  }

  #unwrap(id: string, orgId: string, wrapped: Buffer): Buffer {
    try {
      return gcmOpen(
        this.#masterKey,
        wrapped.subarray(0, IV_BYTES),
        wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
        wrapped.subarray(IV_BYTES + TAG_BYTES),
        Buffer.from(`vigie-data-key:${id}:${orgId}`),
      );
    } catch {
      throw new DecryptionError(
        'the master key does not open this organisation key (wrong VIGIE_MASTER_KEY?)',
      );
    }
  }

  async #keyById(db: Db, orgId: string, id: string): Promise<Buffer> {
    const cached = this.#dataKeys.get(id);
    if (cached) {
      if (cached.orgId !== orgId) throw new DecryptionError('sealed by another organisation');
      return cached.key;
    }
    const row = await db
      .selectFrom('organisation_keys')
      .selectAll()
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (!row) throw new DecryptionError('sealed by another organisation or with a deleted key');
    const key = this.#unwrap(id, orgId, Buffer.from(row.wrapped_key, 'base64'));
    this.#dataKeys.set(id, { orgId, key });
    return key;
  }

  async seal(db: Db, orgId: string, plaintext: Buffer | string, context: string): Promise<Buffer> {
    const { id, key } = await this.#activeKey(db, orgId);
    const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    const { iv, tag, ciphertext } = gcmSeal(key, data, Buffer.from(context));
    return Buffer.concat([Buffer.from([VERSION]), uuidBytes(id), iv, tag, ciphertext]);
  }

  async open(db: Db, orgId: string, sealed: Buffer, context: string): Promise<Buffer> {
    if (sealed.length < 1 + ID_BYTES + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
      throw new DecryptionError('not a sealed value');
    }
    const id = uuidString(sealed.subarray(1, 1 + ID_BYTES));
    const key = await this.#keyById(db, orgId, id);
    const at = 1 + ID_BYTES;
    try {
      return gcmOpen(
        key,
        sealed.subarray(at, at + IV_BYTES),
        sealed.subarray(at + IV_BYTES, at + IV_BYTES + TAG_BYTES),
        sealed.subarray(at + IV_BYTES + TAG_BYTES),
        Buffer.from(context),
      );
    } catch {
      throw new DecryptionError('the sealed value was altered or belongs to another record');
    }
  }

  async openText(db: Db, orgId: string, sealed: Buffer, context: string): Promise<string> {
    return (await this.open(db, orgId, sealed, context)).toString('utf8');
  }
}
