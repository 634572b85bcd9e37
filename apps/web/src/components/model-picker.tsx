import './thinking-budget.css';
import { useId } from 'react';
import type { ModelSummary } from '../api/seer-api';
import { useT } from '../hooks/use-locale';
import { capabilityBadges } from '../lib/thinking-budget';

/** Props of `ModelPicker`. */
export interface ModelPickerProps {
  models: ModelSummary[];
  /** The chosen model's id. */
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  /** The select's label; "Model" unless given (compare mode's "Second model"). */
  label?: string;
}

/**
 * The model choice: a select labelled "Model" over the server's models, with a notice when the chosen
 * one is the built-in demo model, and the chosen model's capability badges (how it thinks, whether it
 * takes a thinking budget, whether it takes video).
 */
export function ModelPicker({ models, value, onChange, disabled, label }: ModelPickerProps) {
  const t = useT();
  const selectId = useId();
  const chosen = models.find((model) => model.id === value);
  return (
    <div className="field model-picker">
      <label htmlFor={selectId} className="field-label">
        {label ?? t('model.label')}
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
      {chosen ? (
        <ul className="model-badges" aria-label={t('model.badges', { model: chosen.label })}>
          {capabilityBadges(chosen).map((key) => (
            <li key={key} className={`badge ${key.replace('model.badge.', 'badge-')}`}>
              {t(key)}
            </li>
          ))}
        </ul>
      ) : null}
      {chosen?.provider === 'demo' ? (
        <p className="demo-notice" role="note">
          {t('model.demoNotice')}
        </p>
      ) : null}
    </div>
  );
}
