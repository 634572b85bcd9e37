import { useId } from 'react';
import type { ModelSummary } from '../api/seer-api';
import { useT } from '../hooks/use-locale';

/** Props of `ModelPicker`. */
export interface ModelPickerProps {
  models: ModelSummary[];
  /** The chosen model's id. */
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
}

/**
 * The model choice: a select labelled "Model" over the server's models, with a notice when the chosen
 * one is the built-in demo model.
 */
export function ModelPicker({ models, value, onChange, disabled }: ModelPickerProps) {
  const t = useT();
  const selectId = useId();
  const chosen = models.find((model) => model.id === value);
  return (
    <div className="field model-picker">
      <label htmlFor={selectId} className="field-label">
        {t('model.label')}
      </label>
      <select
        id={selectId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
      >
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {model.label}
          </option>
        ))}
      </select>
      {chosen?.provider === 'demo' ? (
        <p className="demo-notice" role="note">
          {t('model.demoNotice')}
        </p>
      ) : null}
    </div>
  );
}
