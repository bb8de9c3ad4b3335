import { Keyring, loadConfig, loadMasterKey, seedDemo } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) {
    throw new UsageError(`--${name} must be a whole number between 1 and 1000000`);
  }
  return Number(value);
}

export const demoSeed: Command = {
  path: ['demo', 'seed'],
  summary: 'Fill the organisation with a realistic notice-and-action dataset (reports, decisions, appeals)',
  help: `Usage: vigie demo seed [--cases N] [--seed S] [--org SLUG]

Creates N cases (default 200) through the real code paths: public and API reports in seven
languages and countries, bank matches, claims, decisions of every kind with their notices, appeals
and reversals; captures evidence (synthetic snapshots) for about a quarter of the cases and sends
notices about most of those to four demo platforms, which acknowledge, decide or ignore them; adds
three demo moderators and a demo intake API key. Same --seed, same shape.
Meant for trying Vigie, for the console and for benchmarks — not for a production organisation.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...organisationOption,
      cases: { type: 'string' },
      seed: { type: 'string' },
    });
    const cases = positiveInt('cases', values.cases, 200);
    const seed = positiveInt('seed', values.seed, 20261122);
    const config = loadConfig(io.env);
    const keyring = new Keyring(loadMasterKey({ fromEnv: config.masterKey, dataDir: config.dataDir }));
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      const started = Date.now();
      const result = await seedDemo(db, organisation.id, {
        cases,
        seed,
        keyring,
        dataDir: config.dataDir,
        onCase: (done) => {
          if (done % 500 === 0) io.stderr.write(`${done}/${cases} cases\n`);
        },
      });
      const decisions = Object.entries(result.decisions)
        .map(([action, n]) => `${action} ${n}`)
        .join(', ');
      io.stdout.write(
        `seeded ${organisation.slug}: ${result.cases} cases, ${result.reports} reports, ${result.matches} bank matches\n` +
          `decisions: ${decisions}\nappeals: ${result.appeals} (${result.reversals} reversed)\n` +
          `evidence captures: ${result.evidenceCaptures}; notices to demo platforms: ` +
          `${result.notices.decided} decided, ${result.notices.acknowledged} acknowledged, ${result.notices.ignored} ignored\n` +
          `took ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      return EXIT.ok;
    });
  },
};
