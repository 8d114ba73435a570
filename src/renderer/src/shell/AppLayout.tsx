// The frame around every page: header, navbar, how the data stands (the host's connection and the
// market's health), notices, and the page the URL names.
import { Anchor, AppShell, Badge, Box, Burger, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef, type MouseEvent } from 'react';
import { AlertIndicator } from '../alerts/AlertIndicator';
import { useClient } from '../client-context';
import { PAGE_IDS, PAGES, type PageId } from '../pages';
import { hrefForPage, useHashPage } from '../routing/use-hash-page';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { DataHealthBanner, DataHealthIndicator } from './DataHealth';
import { NoticeList } from './NoticeList';
import { useAppInfo } from './use-app-info';
import { useMarketHealth } from './use-market-health';

const MAIN_ID = 'main-content';

export function AppLayout() {
  const client = useClient();
  const [page, go] = useHashPage<PageId>(PAGE_IDS, PAGE_IDS[0] ?? 'dashboard');
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { info, demo, error, retry, notices, dismiss } = useAppInfo(client);
  const market = useMarketHealth(client);
  const headings = useRef<Partial<Record<PageId, HTMLHeadingElement | null>>>({});
  const shownPage = useRef<PageId>(page);

  // Focus follows navigation to the new page's heading; the first render keeps the browser's focus.
  useEffect(() => {
    if (shownPage.current === page) return;
    shownPage.current = page;
    headings.current[page]?.focus();
  }, [page]);

  // The tab (and the window list) says where you are.
  useEffect(() => {
    const label = PAGES.find((p) => p.id === page)?.label;
    document.title = label ? `${label} · Premia` : 'Premia';
  }, [page]);

  const onNavClick = (event: MouseEvent<HTMLAnchorElement>, id: PageId) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    // The page already shown: its link still takes the user to its heading.
    if (id === page) headings.current[page]?.focus();
    else go(id);
    closeNav();
  };

  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    headings.current[page]?.focus();
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToContent}>
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
              aria-expanded={navOpen}
            />
            <Text component="span" fw={800} size="xl" lh={1}>
              Premia
            </Text>
            {demo && (
              <Badge
                color="grape"
                variant="filled"
                title="The built-in exchange simulator is the market"
                style={{ flexShrink: 0 }}
              >
                Demo
                {/* A phone's header has room for the one word only. */}
                <Box component="span" visibleFrom="sm">
                  {' market'}
                </Box>
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <AlertIndicator client={client} onOpen={() => go('alerts')} />
            <DataHealthIndicator client={client} market={market} />
            <Box visibleFrom="sm">
              <ColorSchemeToggle />
            </Box>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Pages">
        <Stack gap={2}>
          {PAGES.map((p) => (
            <NavLink
              key={p.id}
              component="a"
              href={hrefForPage(p.id)}
              label={p.label}
              description={p.description}
              active={p.id === page}
              aria-current={p.id === page ? 'page' : undefined}
              onClick={(e: MouseEvent<HTMLAnchorElement>) => onNavClick(e, p.id)}
            />
          ))}
        </Stack>
        <Stack gap="xs" mt="auto" px="xs">
          {/* On a phone the header has no room for the scheme switch; the navbar holds it. */}
          <Box hiddenFrom="sm">
            <ColorSchemeToggle />
          </Box>
          {info && (
            <Text size="xs" c="dimmed">
              Premia {info.version}
            </Text>
          )}
          {/* The charts' library asks for this link; one here rather than a logo on every chart. */}
          <Anchor
            href="https://www.tradingview.com/lightweight-charts/"
            target="_blank"
            rel="noreferrer"
            size="xs"
          >
            Charts by TradingView
          </Anchor>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_ID}>
        <DataHealthBanner client={client} market={market} />
        {error !== null && (
          <LoadErrorAlert
            title="Premia's host cannot be reached"
            message={error}
            onRetry={retry}
            mb="md"
          />
        )}
        <NoticeList notices={notices} onDismiss={dismiss} />
        {/* Pages stay mounted while hidden so unsaved edits and a typed quote survive navigation. */}
        {PAGES.map(({ id, Component }) => (
          <div key={id} hidden={page !== id}>
            <Component headingRef={(el) => void (headings.current[id] = el)} />
          </div>
        ))}
      </AppShell.Main>
    </AppShell>
  );
}
