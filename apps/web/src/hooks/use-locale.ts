import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  htmlLang,
  initialLocale,
  type Locale,
  type MessageKey,
  type Translate,
  translate,
} from '../lib/i18n';

const storageKey = 'seer.locale';

function readStoredLocale(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** The interface language and its setter, as `useLocaleState` gives them. */
export interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

/**
 * The interface language of the page: the one chosen before (kept in localStorage), else the browser's.
 * It sets `<html lang>` to follow.
 */
export function useLocaleState(): LocaleState {
  const [locale, setLocaleState] = useState<Locale>(() =>
    initialLocale(readStoredLocale(), typeof navigator === 'undefined' ? undefined : navigator.language),
  );

  useEffect(() => {
    document.documentElement.lang = htmlLang(locale);
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private modes may refuse storage: the choice then lasts for this page only.
    }
  }, []);

  return { locale, setLocale };
}

/** The interface language, provided by the app at its root. */
export const LocaleContext = createContext<Locale>('en');

/** The interface language. */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** `translate` for the interface language. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(
    () => (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values),
    [locale],
  );
}
