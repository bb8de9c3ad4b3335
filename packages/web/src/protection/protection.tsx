/**
 * Moderator protection for the signed-in console: the resolved settings, the one media item that is
 * currently revealed (revealing another, or leaving the screen, blurs the previous one again), and
 * the daily exposure counter behind break reminders.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSignedIn } from '../session/session.tsx';
import {
  exposuresToday,
  recordExposure,
  reminderFor,
  type KeyValueStore,
  type Reminder,
} from './exposure.ts';
import { readProtection, resolveProtection, type ProtectionSettings } from './settings.ts';

interface ProtectionControls {
  settings: ProtectionSettings;
  organisationDefaults: ProtectionSettings;
  personal: Partial<ProtectionSettings>;
  savePersonal(personal: Partial<ProtectionSettings>): void;
  /** The organisation's settings changed in this page (no reload needed to apply them). */
  organisationChanged(settings: unknown): void;
  revealedId: string | null;
  reveal(id: string): void;
  hide(): void;
  exposures: number;
  reminder: Reminder;
  dismissReminder(): void;
}

const ProtectionContext = createContext<ProtectionControls | null>(null);

/** Storage that degrades to memory when the browser refuses localStorage. */
const memory = new Map<string, string>();
const store: KeyValueStore = {
  getItem: (key) => {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null;
    }
  },
  setItem: (key, value) => {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  },
};

const personalKey = (userId: string) => `vigie.protection.${userId}`;

function readPersonal(userId: string): Partial<ProtectionSettings> {
  try {
    return readProtection(JSON.parse(store.getItem(personalKey(userId)) ?? '{}'));
  } catch {
    return {};
  }
}

export function ProtectionProvider({ children }: { children: ReactNode }) {
  const { session, api, can } = useSignedIn();
  const userId = session.user.id;
  const [organisationSettings, setOrganisationSettings] = useState<unknown>(undefined);
  const [personal, setPersonal] = useState(() => readPersonal(userId));
  const [revealedId, setRevealedId] = useState<string | null>(null);
  const [exposures, setExposures] = useState(() => exposuresToday(store, userId, Date.now()));
  const [reminder, setReminder] = useState<Reminder>('none');

  useEffect(() => {
    // Without organisation:read the built-in defaults (everything protected) apply.
    if (!can('organisation:read')) return;
    let live = true;
    api.organisation().then(
      (organisation) => live && setOrganisationSettings(organisation.settings),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, userId]);

  const settings = useMemo(
    () => resolveProtection(organisationSettings, personal),
    [organisationSettings, personal],
  );
  const organisationDefaults = useMemo(
    () => resolveProtection(organisationSettings, {}),
    [organisationSettings],
  );

  const savePersonal = useCallback(
    (next: Partial<ProtectionSettings>) => {
      store.setItem(personalKey(userId), JSON.stringify(next));
      setPersonal(readProtection(next));
    },
    [userId],
  );

  const reveal = useCallback(
    (id: string) => {
      setRevealedId(id);
      const total = recordExposure(store, userId, Date.now());
      setExposures(total);
      const next = reminderFor(total, settings);
      if (next !== 'none') setReminder(next);
    },
    [userId, settings],
  );

  const value = useMemo<ProtectionControls>(
    () => ({
      settings,
      organisationDefaults,
      personal,
      savePersonal,
      organisationChanged: setOrganisationSettings,
      revealedId,
      reveal,
      hide: () => setRevealedId(null),
      exposures,
      reminder,
      dismissReminder: () => setReminder('none'),
    }),
    [settings, organisationDefaults, personal, savePersonal, revealedId, reveal, exposures, reminder],
  );
  return <ProtectionContext.Provider value={value}>{children}</ProtectionContext.Provider>;
}

export function useProtection(): ProtectionControls {
  const controls = useContext(ProtectionContext);
  if (!controls) throw new Error('useProtection outside ProtectionProvider');
  return controls;
}
