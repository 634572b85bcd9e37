import './language-toggle.css';
import { useId } from 'react';
import { type Locale, translate } from '../lib/i18n';

/** Props of `LanguageToggle`. */
export interface LanguageToggleProps {
  value: Locale;
  onChange: (locale: Locale) => void;
}

const names: Record<Locale, string> = { en: 'English', zh: '中文' };

/** The interface language: a select labelled "Language / 语言", each language named in itself. */
export function LanguageToggle({ value, onChange }: LanguageToggleProps) {
  const id = useId();
  return (
    <div className="language-toggle">
      <label htmlFor={id} className="visually-hidden">
        {translate(value, 'app.language')}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value === 'zh' ? 'zh' : 'en')}>
        {(Object.keys(names) as Locale[]).map((locale) => (
          <option key={locale} value={locale} lang={locale === 'zh' ? 'zh-CN' : 'en'}>
            {names[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
