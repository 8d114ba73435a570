import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { AppClient } from './api/connection';
import { ClientProvider } from './client-context';
import { AppLayout } from './shell/AppLayout';
import { cssVariablesResolver, theme } from './theme';

export function App({ client }: { client: AppClient }) {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="auto"
    >
      <Notifications position="top-right" />
      <ClientProvider client={client}>
        <AppLayout />
      </ClientProvider>
    </MantineProvider>
  );
}
