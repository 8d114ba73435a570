import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { PremiaClient } from '../../shared/api';
import { ClientProvider } from './client-context';
import { AppLayout } from './shell/AppLayout';
import { theme } from './theme';

export function App({ client }: { client: PremiaClient }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <ClientProvider client={client}>
        <AppLayout />
      </ClientProvider>
    </MantineProvider>
  );
}
