import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useDebounced } from '../../lib/use-load';

type SearchBoxProps = {
  label: string;
  /** The search in effect (from the URL). */
  value: string;
  /** Called as the person types (after a pause) and at once on Enter. */
  onSearch: (q: string) => void;
  placeholder?: string;
  hint?: string;
};

/**
 * A search field that searches as you type. The text typed is its own until it settles; when the
 * search in effect changes from elsewhere (back button, a link), the field follows it.
 */
export function SearchBox({ label, value, onSearch, placeholder, hint }: SearchBoxProps) {
  const id = useId();
  const hintId = useId();
  const [text, setText] = useState(value);
  const debounced = useDebounced(text, 350);
  const applied = useRef(value);
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });

  useEffect(() => {
    if (value === applied.current) return;
    applied.current = value;
    setText(value);
  }, [value]);

  useEffect(() => {
    if (debounced.trim() === applied.current.trim()) return;
    applied.current = debounced;
    onSearchRef.current(debounced);
  }, [debounced]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === applied.current.trim()) return;
    applied.current = text;
    onSearch(text);
  };

  return (
    <search className="portal-search">
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type="search"
            value={text}
            placeholder={placeholder}
            aria-describedby={hint ? hintId : undefined}
            autoComplete="off"
            enterKeyHint="search"
            onChange={(event) => setText(event.target.value)}
          />
          {hint && (
            <p id={hintId} className="field-hint">
              {hint}
            </p>
          )}
        </div>
      </form>
    </search>
  );
}
