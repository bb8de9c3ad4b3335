import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ApiClient } from './api/client.ts';
import { loadMessages } from './i18n/catalogues.ts';
import { applyDocumentLocale, I18nProvider, savedLocale } from './i18n/i18n.tsx';
import { negotiateLocale } from './i18n/negotiate.ts';
import { SessionProvider } from './session/session.tsx';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/review.css';

async function start(): Promise<void> {
  const locale = negotiateLocale(savedLocale(), navigator.languages);
  // The catalogue is loaded before the first render so no screen flashes in the wrong language.
  const messages = await loadMessages(locale);
  applyDocumentLocale(locale);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <I18nProvider initialLocale={locale} initialMessages={messages}>
        <SessionProvider client={new ApiClient()}>
          <App />
        </SessionProvider>
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
