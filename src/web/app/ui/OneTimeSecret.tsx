import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A secret the server shows only once (temporary password, API token), with a copy button. */
export function OneTimeSecret({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" icon={<IconKey aria-hidden />} title={label}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Code fz="md" style={{ wordBreak: 'break-all' }} data-testid="one-time-secret">
            {value}
          </Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="default" onClick={copy}>
                {copied ? t('actions.copied') : t('actions.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">{t('secret.once')}</Text>
      </Stack>
    </Alert>
  );
}
