import { useI18n } from '../i18n/i18n.tsx';
import { TextField } from '../ui/components.tsx';
import type { ProtectionSettings } from './settings.ts';

const LIMIT = 10_000;

/** The four protection settings as inputs; shared by the personal and the organisation forms. */
export function ProtectionFields({
  value,
  onChange,
  note,
}: {
  value: ProtectionSettings;
  onChange(patch: Partial<ProtectionSettings>): void;
  /** Text shown beside each setting, e.g. the organisation's default. */
  note?: (key: keyof ProtectionSettings) => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      {(['blur', 'greyscale'] as const).map((key) => (
        <label key={key} className="checkbox">
          <input
            type="checkbox"
            checked={value[key]}
            onChange={(e) => onChange({ [key]: e.target.checked })}
          />
          {t(`protection.setting.${key}`)} {note?.(key) && <span className="muted">({note(key)})</span>}
        </label>
      ))}
      {(['breakEvery', 'dailyLimit'] as const).map((key) => (
        <TextField
          key={key}
          label={t(`protection.setting.${key}`)}
          hint={note?.(key)}
          type="number"
          min={0}
          max={LIMIT}
          value={value[key]}
          onChange={(e) =>
            onChange({ [key]: Math.max(0, Math.min(LIMIT, Math.trunc(Number(e.target.value) || 0))) })
          }
        />
      ))}
    </>
  );
}
