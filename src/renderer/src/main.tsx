import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './api/client';
import { App } from './App';
import { StartupError } from './shell/StartupError';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

let app;
try {
  app = <App client={getClient()} />;
} catch (error) {
  // Without a client (no bridge and no access token) nothing else can work: say so plainly.
  app = <StartupError error={error} />;
}

createRoot(root).render(<StrictMode>{app}</StrictMode>);
