import type { ComponentChildren } from 'preact';
import { ThemeToggle } from './theme-toggle.tsx';

export interface Page {
  readonly route: string;
  readonly title: string;
}

/** The frame of every page: the navigation, the theme switch and sign-out. */
export function Layout({ pages, route, onSignOut, children }: { pages: readonly Page[]; route: string; onSignOut: () => void; children: ComponentChildren }) {
  return (
    <div class="shell">
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <span class="brand">Switchyard</span>
        <nav aria-label="Pages">
          <ul class="nav">
            {pages.map((page) => (
              <li key={page.route}>
                <a href={`#/${page.route}`} aria-current={page.route === route ? 'page' : undefined}>
                  {page.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="topbar-actions">
          <ThemeToggle />
          <button type="button" class="button-quiet" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
