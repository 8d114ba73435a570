import { Alert, Container, MantineProvider, Text } from '@mantine/core';
import { theme } from '../theme';

export function StartupError({ error }: { error: unknown }) {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Container size="sm" py="xl">
        <Alert color="red" title="Premia cannot connect to its host" role="alert">
          <Text size="sm">{detail}</Text>
          <Text size="sm" mt="xs">
            In a browser, open the full address that <code>premia serve</code> printed, including
            the part after #.
          </Text>
        </Alert>
      </Container>
    </MantineProvider>
  );
}
