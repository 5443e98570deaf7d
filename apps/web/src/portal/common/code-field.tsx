import { CODE_DIGITS } from '@atrium/shared';
import { TextField } from '../../ui/field';

/** The field for a code texted to the contact: phones offer it from the message (one-time-code). */
export function CodeField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <TextField
      label={props.label}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={CODE_DIGITS}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      error={props.error}
    />
  );
}
