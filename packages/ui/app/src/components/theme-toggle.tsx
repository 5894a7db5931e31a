import { useEffect, useState } from 'preact/hooks';

type Theme = 'light' | 'dark' | 'system';
const STORAGE_NAME = 'switchyard.admin.theme';

function stored(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_NAME);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Light, dark, or the system's choice (the default); only the choice is stored. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(stored);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    try {
      if (theme === 'system') localStorage.removeItem(STORAGE_NAME);
      else localStorage.setItem(STORAGE_NAME, theme);
    } catch {
      // not remembered
    }
  }, [theme]);
  return (
    <label class="theme-toggle">
      <span class="visually-hidden">Theme</span>
      <select value={theme} onChange={(event) => setTheme((event.currentTarget as HTMLSelectElement).value as Theme)}>
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
