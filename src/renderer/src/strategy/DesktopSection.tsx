import { SimpleGrid, Switch } from '@mantine/core';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';

/** How the desktop app lives beside the session: in the tray when its window closes, and at login. */
export function DesktopSection({ draft, edit }: Omit<SectionProps, 'errors'>) {
  const { desktop } = draft;
  return (
    <Section
      title="Desktop app"
      intro="How the desktop app keeps watching the market when its window is closed. These have no effect on Premia running in a browser."
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Switch
          label="Keep watching in the tray when the window is closed"
          description="Premia keeps polling, recording history and raising alerts from the tray (the menu bar on macOS); Quit in its menu ends it. Off, closing the window quits Premia (on macOS it stays in the Dock, as macOS apps do)."
          checked={desktop.keepInTray}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            edit((d) => {
              d.desktop.keepInTray = checked;
            });
          }}
        />
        <Switch
          label="Start at login"
          description="Premia starts when you log in to this computer."
          checked={desktop.startAtLogin}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            edit((d) => {
              d.desktop.startAtLogin = checked;
            });
          }}
        />
      </SimpleGrid>
    </Section>
  );
}
