import { useId } from 'react';
import { useT } from '../hooks/use-locale';

/** Props of `CompareToggle`. */
export interface CompareToggleProps {
  isOn: boolean;
  onChange: (isOn: boolean) => void;
  disabled: boolean;
}

/** The checkbox "Compare two runs", which adds a second model and budget to run at the same time. */
export function CompareToggle({ isOn, onChange, disabled }: CompareToggleProps) {
  const t = useT();
  const id = useId();
  return (
    <div className="field compare-toggle">
      <input
        id={id}
        type="checkbox"
        checked={isOn}
        onChange={(event) => onChange(event.target.checked)}
        disabled={disabled}
      />
      <label htmlFor={id}>{t('compare.toggle')}</label>
    </div>
  );
}
