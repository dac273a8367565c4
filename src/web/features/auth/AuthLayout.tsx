import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch.js';

/** The centred frame of the pages before the app: login, TOTP step, forced password change. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation(['common', 'auth']);
  useEffect(() => {
    document.title = `${title} | ${t('appName')}`;
  }, [title, t]);
  return (
    <Center mih="100vh" bg="gray.0" p="md" component="main">
      <Stack w="100%" maw={420}>
        <Group justify="space-between">
          <Group gap={6}>
            <IconShieldLock aria-hidden size={28} color="var(--mantine-primary-color-filled)" />
            <Text fw={700} size="xl">
              {t('appName')}
            </Text>
          </Group>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Title order={1} size="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          {t('auth:tagline')}
        </Text>
      </Stack>
    </Center>
  );
}
