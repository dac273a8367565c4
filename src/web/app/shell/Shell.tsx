import { AppShell, em, ScrollArea, useMantineTheme } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LoadingState } from '../ui/States.js';
import { NavBar } from './NavBar.js';
import { TopBar } from './TopBar.js';

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const theme = useMantineTheme();
  // On a phone the closed navigation is only moved off the screen: keep Tab and screen readers out of it.
  const phone = useMediaQuery(`(max-width: ${em(Number.parseFloat(theme.breakpoints.sm) * 16 - 0.02)})`);
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <AppShell.Header>
        <TopBar navOpened={opened} toggleNav={toggle} />
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')} inert={phone && !opened}>
        {/* The sections of an administrator are longer than a phone (or a short window): they scroll. */}
        <AppShell.Section grow component={ScrollArea}>
          <NavBar onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
