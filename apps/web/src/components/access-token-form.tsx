import { type KeyboardEvent, useId, useState } from 'react';
import { useT } from '../hooks/use-locale';

/** Props of `AccessTokenForm`. */
export interface AccessTokenFormProps {
  /** Whether a token was tried and refused. */
  wasRefused: boolean;
  onSubmit: (token: string) => void;
}

/** Asks for the bearer token of a Seer started with `SEER_AUTH_TOKENS`, before anything else loads. */
export function AccessTokenForm({ wasRefused, onSubmit }: AccessTokenFormProps) {
  const t = useT();
  const inputId = useId();
  const [token, setToken] = useState('');
  const submit = () => {
    if (token.trim() !== '') onSubmit(token.trim());
  };
  // A fieldset, not a form: it is shown inside the playground's own form, and forms cannot nest.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    submit();
  };
  return (
    <fieldset className="access-token" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className="panel-title">
        {t('token.title')}
      </h2>
      <p className="panel-placeholder">{t('token.help')}</p>
      <label htmlFor={inputId}>{t('token.label')}</label>
      <input
        id={inputId}
        type="password"
        autoComplete="off"
        value={token}
        onChange={(event) => setToken(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {wasRefused ? (
        <p className="access-token-refused" role="alert">
          {t('token.wrong')}
        </p>
      ) : null}
      <button type="button" className="button primary" disabled={token.trim() === ''} onClick={submit}>
        {t('token.submit')}
      </button>
    </fieldset>
  );
}
