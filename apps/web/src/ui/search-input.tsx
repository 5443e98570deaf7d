import { useEffect, useId, useRef, useState } from 'react';
import { useDebounced } from '../lib/use-load';

type SearchInputProps = {
  label: string;
  /** The search in the URL. */
  value: string;
  /** Called once typing pauses, with the trimmed text. */
  onSearch: (q: string) => void;
  /** "/" anywhere on the page (outside a text field) focuses this box. */
  slashShortcut?: boolean;
  hint?: string;
  className?: string;
};

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** A search box that updates the URL as one types, without a request per keystroke. */
export function SearchInput({ label, value, onSearch, slashShortcut, hint, className }: SearchInputProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const debounced = useDebounced(text.trim(), 300);
  const pushed = useRef(value);
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });

  useEffect(() => {
    if (debounced === pushed.current) return;
    pushed.current = debounced;
    onSearchRef.current(debounced);
  }, [debounced]);

  // The URL changed from elsewhere (a saved view, the back button): show what it says.
  useEffect(() => {
    if (value === pushed.current) return;
    pushed.current = value;
    setText(value);
  }, [value]);

  useEffect(() => {
    if (!slashShortcut) return;
    const focusOnSlash = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target))
        return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', focusOnSlash);
    return () => document.removeEventListener('keydown', focusOnSlash);
  }, [slashShortcut]);

  return (
    <div className={`field field-search ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Enter searches at once instead of waiting for the pause.
          if (event.key === 'Enter') {
            event.preventDefault();
            pushed.current = text.trim();
            onSearch(text.trim());
          }
        }}
        aria-keyshortcuts={slashShortcut ? '/' : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        spellCheck={false}
      />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
