import type { TdbStatement } from '../../../server/src/transparency/tdb-statement.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A statement of reasons as the Transparency Database receives it: TDB field names and values. */
export function StatementView({ statement, testId }: { statement: TdbStatement; testId: string }) {
  const { t } = useI18n();
  return (
    <dl className="details statement" data-testid={testId} aria-label={t('case.statementOfReasons')}>
      {Object.entries(statement).map(([field, value]) => (
        <div key={field} className="statement-row">
          <dt>
            <code>{field}</code>
          </dt>
          <dd>
            {Array.isArray(value)
              ? value.join(', ')
              : typeof value === 'object'
                ? JSON.stringify(value)
                : String(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
