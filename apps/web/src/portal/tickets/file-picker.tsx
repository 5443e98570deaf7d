import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { fileSize } from './ticket-thread';

type FilePickerProps = {
  label: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  disabled?: boolean;
};

/**
 * A native file input (keyboard and screen readers know it) that adds to the list, and the list of
 * chosen files, each with a button to take it off again.
 */
export function FilePicker({ label, files, onChange, disabled }: FilePickerProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const id = useId();
  const hintId = useId();
  return (
    <div className="field portal-files">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        multiple
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(event) => {
          const added = [...(event.target.files ?? [])];
          // Cleared so that picking the same file again after removing it is noticed.
          event.target.value = '';
          if (added.length > 0) onChange([...files, ...added]);
        }}
      />
      <p id={hintId} className="field-hint">
        {t('files.hint')}
      </p>
      {files.length > 0 && (
        <ul className="portal-file-list">
          {files.map((file, index) => (
            // Files have no id; a name can repeat, its place in the list cannot.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list only changes by the buttons below
            <li key={`${index}-${file.name}`}>
              <span>
                {file.name} <span className="muted">{fileSize(format.number, file.size)}</span>
              </span>
              <button
                type="button"
                className="button button-quiet"
                disabled={disabled}
                aria-label={t('files.remove', { name: file.name })}
                onClick={() => onChange(files.filter((_, other) => other !== index))}
              >
                {t('files.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
