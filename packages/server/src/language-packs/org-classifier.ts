/**
 * The classifier an organisation's texts go through: the built-in one while it has no pack of its own,
 * otherwise one built with its latest pack version per language. Each process keeps one classifier per
 * organisation, keyed by the organisation's latest version numbers; a request costs one small indexed
 * query to read them, so a save in any process is used by every process from its next request on.
 */
import { loadClassifier, type Classifier } from '@vigie/classify';
import { builtinClassifier } from '../classification/builtin.ts';
import type { Db } from '../storage/transaction.ts';
import { shippedPacks } from './shipped.ts';
import { effectivePack, latestVersionNumbers, latestVersions } from './versions.ts';

const built = new Map<string, { signature: string; classifier: Promise<Classifier> }>();

async function build(db: Db, orgId: string): Promise<Classifier> {
  const packs = (await latestVersions(db, orgId)).flatMap((version) => {
    const shipped = shippedPacks().get(version.lang);
    return shipped && version.changes ? [effectivePack(shipped, version)] : [];
  });
  return packs.length === 0 ? builtinClassifier() : loadClassifier('builtin', { packs });
}

export async function classifierFor(db: Db, orgId: string): Promise<Classifier> {
  const latest = await latestVersionNumbers(db, orgId);
  if (latest.size === 0) return builtinClassifier();
  const signature = [...latest]
    .map(([lang, version]) => `${lang}:${version}`)
    .sort()
    .join(',');
  const cached = built.get(orgId);
  if (cached?.signature === signature) return cached.classifier;
  const classifier = build(db, orgId);
  built.set(orgId, { signature, classifier });
  classifier.catch(() => {
    if (built.get(orgId)?.classifier === classifier) built.delete(orgId);
  });
  return classifier;
}
