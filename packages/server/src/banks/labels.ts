/**
 * Labels on bank entries: `namespace:value`. Labels in a managed namespace of the taxonomy (`dsa:`,
 * `dsa-keyword:`, `gifct:`, `law:fr:`) must name an entry of the current vocabulary, so a typo cannot
 * create a category nobody reports on. Other namespaces carry an exchange's own metadata as given
 * (`ideology:far-right`, `file_type:mp4` from Tech Against Terrorism) and are only checked for syntax.
 */
import { AppError } from '../errors.ts';
import { isKnownLabel, parseLabel } from '../taxonomy/index.ts';

const LABEL = /^[A-Za-z0-9][A-Za-z0-9_.-]*(:[A-Za-z0-9][A-Za-z0-9_.-]*)+$/;
export const MAX_LABELS = 50;

/** Why a label is refused, or undefined when it is acceptable. */
export function labelProblem(label: string): string | undefined {
  if (label.length > 200) return 'is longer than 200 characters';
  if (!LABEL.test(label)) return 'is not a `namespace:value` label';
  const managed = parseLabel(label);
  if (managed && !isKnownLabel(label)) return `is not in the ${managed.namespace} vocabulary`;
  return undefined;
}

/** Trims, de-duplicates and checks labels; throws `validation_failed` naming the offending one. */
export function validateLabels(labels: readonly string[], field: string): string[] {
  const unique = [...new Set(labels.map((l) => l.trim()))];
  if (unique.length > MAX_LABELS) {
    throw new AppError('validation_failed', { message: `At most ${MAX_LABELS} labels.`, field });
  }
  unique.forEach((label, i) => {
    const problem = labelProblem(label);
    if (problem) {
      throw new AppError('validation_failed', {
        message: `Label ${JSON.stringify(label)} ${problem}.`,
        field: `${field}.${i}`,
      });
    }
  });
  return unique;
}
