import { useState } from 'preact/hooks';

/** Copies `text` to the clipboard; falls back to selecting it where the clipboard API is denied. */
export function CopyButton({ text, targetId }: { text: string; targetId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'select'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const target = targetId === undefined ? null : document.getElementById(targetId);
      if (target !== null) getSelection()?.selectAllChildren(target);
      setState('select');
    }
  };
  return (
    <button type="button" onClick={copy} aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'select' ? 'Selected — press Ctrl+C' : 'Copy'}
    </button>
  );
}
