import { useEffect, useState } from 'preact/hooks';
import { whenUnauthorized } from './api.ts';
import { Layout, type Page } from './components/layout.tsx';
import { Login } from './components/login.tsx';
import { HealthPage } from './pages/health-page.tsx';
import { KeysPage } from './pages/keys-page.tsx';
import { LogsPage } from './pages/logs-page.tsx';
import { ModelsPage } from './pages/models-page.tsx';
import { UsagePage } from './pages/usage-page.tsx';
import { useHashRoute } from './router.ts';
import { sessionKey, signIn, signOut } from './session.ts';

const PAGES: readonly (Page & { readonly render: () => preact.JSX.Element })[] = [
  { route: 'models', title: 'Models', render: () => <ModelsPage /> },
  { route: 'health', title: 'Health', render: () => <HealthPage /> },
  { route: 'keys', title: 'Keys', render: () => <KeysPage /> },
  { route: 'usage', title: 'Usage', render: () => <UsagePage /> },
  { route: 'logs', title: 'Logs', render: () => <LogsPage /> },
];

export function App() {
  const [signedIn, setSignedIn] = useState(sessionKey() !== undefined);
  const route = useHashRoute('models');
  useEffect(() => {
    whenUnauthorized(() => {
      signOut();
      setSignedIn(false);
    });
  }, []);
  useEffect(() => {
    const page = PAGES.find((candidate) => candidate.route === route);
    document.title = `${page?.title ?? 'Not found'} · Switchyard admin`;
  }, [route]);
  if (!signedIn) {
    return (
      <Login
        onSignedIn={(key) => {
          signIn(key);
          setSignedIn(true);
        }}
      />
    );
  }
  const page = PAGES.find((candidate) => candidate.route === route);
  return (
    <Layout
      pages={PAGES}
      route={route}
      onSignOut={() => {
        signOut();
        setSignedIn(false);
      }}
    >
      {page === undefined ? <p class="empty">No page {route}.</p> : page.render()}
    </Layout>
  );
}
