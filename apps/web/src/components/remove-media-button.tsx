import { useT } from '../hooks/use-locale';

/** The × that removes one media item, named after the file for screen readers. */
export function RemoveMediaButton({
  name,
  onRemove,
  disabled,
}: {
  name: string;
  onRemove: () => void;
  disabled?: boolean | undefined;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className="thumbnail-remove"
      onClick={onRemove}
      disabled={disabled}
      aria-label={t('media.remove', { name })}
      title={t('media.removeTitle')}
    >
      ×
    </button>
  );
}
