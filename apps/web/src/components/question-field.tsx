import { useId } from 'react';
import { useT } from '../hooks/use-locale';

/** Props of `QuestionField`. */
export interface QuestionFieldProps {
  value: string;
  onChange: (question: string) => void;
  /** Whether the chosen task needs a question. */
  isRequired: boolean;
  /** The chosen task's title, for the hint that it needs a question. */
  taskTitle: string | undefined;
}

/** The question: a textarea labelled "Question" (Ctrl or ⌘ + Enter submits), and what the task needs of it. */
export function QuestionField({ value, onChange, isRequired, taskTitle }: QuestionFieldProps) {
  const t = useT();
  const fieldId = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={fieldId} className="field-label">
        {t('question.label')}
      </label>
      <textarea
        id={fieldId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.currentTarget.form?.requestSubmit();
          }
        }}
        rows={3}
        aria-required={isRequired}
        aria-describedby={hintId}
        placeholder={t(isRequired ? 'question.placeholderRequired' : 'question.placeholderOptional')}
      />
      <p id={hintId} className="field-hint">
        {isRequired
          ? t('question.hintRequired', { task: taskTitle ?? t('question.thisTask') })
          : t('question.hintOptional')}
      </p>
    </div>
  );
}
