import { useT } from '../hooks/use-locale';
import type { Locale } from '../lib/i18n';
import { LanguageToggle } from './language-toggle';

/** Props of `AppHeader`. */
export interface AppHeaderProps {
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
}

/** The page's header: the logo, "Seer" and its tagline, and the interface language. */
export function AppHeader({ locale, onLocaleChange }: AppHeaderProps) {
  const t = useT();
  return (
    <header className="app-header">
      <img src="/favicon.svg" alt="" className="logo" width="32" height="32" />
      <div>
        <h1>Seer</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </div>
      <LanguageToggle value={locale} onChange={onLocaleChange} />
    </header>
  );
}
