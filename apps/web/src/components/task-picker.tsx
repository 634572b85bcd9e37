import type { TemplateDescription } from '@seer/core';
import { useId } from 'react';
import { useLocale, useT } from '../hooks/use-locale';
import { describeMediaNeeds } from '../lib/describe-media-needs';

/** Props of `TaskPicker`. */
export interface TaskPickerProps {
  templates: TemplateDescription[];
  /** The chosen template's id. */
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
}

/**
 * The task choice: a radio group named "Task" whose options are the template titles, followed by the
 * chosen template's description and what media it takes.
 */
export function TaskPicker({ templates, value, onChange, disabled }: TaskPickerProps) {
  const locale = useLocale();
  const t = useT();
  const legendId = useId();
  const descriptionId = useId();
  const chosen = templates.find((template) => template.id === value);
  return (
    <fieldset
      className="field task-picker"
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows `radiogroup` on a fieldset; it makes the task choice one named radio group.
      role="radiogroup"
      aria-labelledby={legendId}
      aria-describedby={descriptionId}
      disabled={disabled}
    >
      <legend id={legendId} className="field-label">
        {t('task.label')}
      </legend>
      <div className="task-options">
        {templates.map((template) => (
          <label key={template.id} className="task-option">
            <input
              type="radio"
              name="task"
              value={template.id}
              checked={template.id === value}
              onChange={() => onChange(template.id)}
            />
            <span>{template.title[locale]}</span>
          </label>
        ))}
      </div>
      <p id={descriptionId} className="field-hint">
        {chosen ? (
          <>
            {chosen.description[locale]}{' '}
            <span className="task-needs">{describeMediaNeeds(chosen.media, locale)}</span>
          </>
        ) : null}
      </p>
    </fieldset>
  );
}
