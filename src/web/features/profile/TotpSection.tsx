import { Badge, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth, useMe } from '../../app/auth.js';
import type { TotpSetup } from '../../app/types.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { Section } from './Section.js';
import { TotpEnrol } from './TotpEnrol.js';

/** Two-factor authentication with an authenticator app (TOTP): enrol, or turn off with the password. */
export function TotpSection() {
  const { t } = useTranslation('profile');
  const me = useMe();
  const { refresh } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setSetup(await api<TotpSetup>('/me/totp/setup', { method: 'POST' }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const enabled = async () => {
    setSetup(null);
    await refresh();
    notifications.show({ color: 'green', message: t('totp.enabledDone') });
  };
  const disable = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/me/totp/disable', { method: 'POST', body: { password } });
      setPassword('');
      await refresh();
      notifications.show({ color: 'green', message: t('totp.disabledDone') });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="totp" title={t('totp.title')} description={t('totp.description')}>
      <Stack>
        <Group gap="xs">
          <Text size="sm">{t('totp.status')}</Text>
          <Badge color={me.account.totpEnabled ? 'green' : 'gray'}>
            {me.account.totpEnabled ? t('totp.on') : t('totp.off')}
          </Badge>
        </Group>
        <ProblemAlert error={error} />
        {me.account.totpEnabled ? (
          <form onSubmit={disable}>
            <Group align="flex-end">
              <PasswordInput
                label={t('totp.disablePassword')}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                required
                miw={260}
              />
              <Button type="submit" color="red" variant="light" loading={busy} disabled={!password}>
                {t('totp.disable')}
              </Button>
            </Group>
          </form>
        ) : setup ? (
          <TotpEnrol setup={setup} onEnabled={enabled} onCancel={() => setSetup(null)} />
        ) : (
          <Group>
            <Button onClick={start} loading={busy}>
              {t('totp.start')}
            </Button>
          </Group>
        )}
      </Stack>
    </Section>
  );
}
