import type { RunError } from '../hooks/use-analysis';
import { useT } from '../hooks/use-locale';

/** Props of `ErrorBanner`. */
export interface ErrorBannerProps {
  error: RunError;
  /** Shown as "Try again" when the error may pass. */
  onRetry?: (() => void) | undefined;
  onDismiss?: () => void;
}

interface Issue {
  path?: unknown[];
  message?: string;
}

/** The zod issues of a 400 `invalid_request`, as "path: message" lines. */
function listIssues(details: Record<string, unknown> | undefined): string[] {
  const issues = details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: Issue) => {
    if (typeof issue?.message !== 'string') return [];
    const path = Array.isArray(issue.path) && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return [`${path}${issue.message}`];
  });
}

/** A failure, said plainly in an alert: the server's sentence, its details, and a retry when it may help. */
export function ErrorBanner({ error, onRetry, onDismiss }: ErrorBannerProps) {
  const t = useT();
  const issues = listIssues(error.details);
  return (
    <div className="error-banner" role="alert">
      <div className="error-body">
        <p className="error-message">{error.message}</p>
        {issues.length > 0 ? (
          <ul className="error-issues">
            {issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        ) : null}
        <p className="error-code">{error.code}</p>
      </div>
      <div className="error-actions">
        {error.isRetryable && onRetry ? (
          <button type="button" className="button secondary" onClick={onRetry}>
            {t('error.retry')}
          </button>
        ) : null}
        {onDismiss ? (
          <button type="button" className="button ghost" onClick={onDismiss} aria-label={t('error.dismiss')}>
            ×
          </button>
        ) : null}
      </div>
    </div>
  );
}
