import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';

export function TotpStep() {
  const { t } = useTranslation('auth');
  const { submitTotp, logout } = useAuth();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const valid = /^\d{6}$/.test(code);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      await submitTotp(code);
    } catch (err) {
      setError(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert error={error} />
        <TextInput
          label={t('totp.code')}
          description={t('totp.codeHelp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
          autoFocus
          styles={{ input: { letterSpacing: '0.3em', fontSize: 'var(--mantine-font-size-lg)' } }}
        />
        <Button type="submit" loading={busy} disabled={!valid} fullWidth>
          {t('totp.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={() => void logout()}>
          {t('totp.otherAccount')}
        </Anchor>
      </Stack>
    </form>
  );
}
