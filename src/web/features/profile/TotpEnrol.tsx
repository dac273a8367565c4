import { Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import type { TotpSetup } from '../../app/types.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';

/** Groups of four characters are easier to type into an authenticator app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/** Step 2 of enrolment: the secret as a QR code and as text, then a current code to confirm. */
export function TotpEnrol({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: TotpSetup;
  onEnabled(): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation(['profile', 'common']);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    // The QR library is loaded only here, when someone enrols.
    void import('qrcode').then((QRCode) =>
      QRCode.toDataURL(setup.otpauthUri, { margin: 1, width: 200 }).then((url) => live && setQr(url)),
    );
    return () => {
      live = false;
    };
  }, [setup.otpauthUri]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/me/totp/enable', { method: 'POST', body: { code } });
      await onEnabled();
    } catch (err) {
      setError(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Text size="sm">{t('totp.scan')}</Text>
      <Group align="flex-start" gap="lg">
        {qr ? (
          <Image src={qr} alt={t('totp.qrAlt')} w={200} h={200} />
        ) : (
          <Stack w={200} h={200} justify="center" align="center" bg="gray.1">
            <Text size="xs" c="dimmed">
              {t('common:state.loading')}
            </Text>
          </Stack>
        )}
        <Stack gap="xs" style={{ flex: 1, minWidth: 240 }}>
          <Text size="sm" fw={600}>
            {t('totp.secret')}
          </Text>
          <Code fz="md" data-testid="totp-secret">
            {grouped(setup.secret)}
          </Code>
          <Text size="sm" fw={600}>
            {t('totp.uri')}
          </Text>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {setup.otpauthUri}
          </Code>
        </Stack>
      </Group>
      <form onSubmit={submit}>
        <Stack maw={320}>
          <ProblemAlert error={error} />
          <TextInput
            label={t('totp.code')}
            description={t('totp.codeHelp')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            required
          />
          <Group>
            <Button type="submit" loading={busy} disabled={!/^\d{6}$/.test(code)}>
              {t('totp.enable')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
