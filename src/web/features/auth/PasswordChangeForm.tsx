import { Button, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';

// The server's rule (accounts/rules.ts): at least 12 characters, not the login ID.
const MIN_LENGTH = 12;

/** Change one's own password; used by the forced-change page and the profile page. */
export function PasswordChangeForm({ onDone }: { onDone(): void | Promise<void> }) {
  const { t } = useTranslation('auth');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooShort = next.length > 0 && next.length < MIN_LENGTH;
  const mismatch = confirm.length > 0 && confirm !== next;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (tooShort || mismatch || !current || !next) return;
    setBusy(true);
    setError(null);
    try {
      await api('/me/password', { method: 'POST', body: { currentPassword: current, newPassword: next } });
      setCurrent('');
      setNext('');
      setConfirm('');
      await onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={420}>
        <ProblemAlert error={error} />
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('password.new')}
          description={t('password.newHelp')}
          autoComplete="new-password"
          required
          value={next}
          error={tooShort ? t('password.tooShort') : undefined}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          required
          value={confirm}
          error={mismatch ? t('password.mismatch') : undefined}
          onChange={(e) => setConfirm(e.currentTarget.value)}
        />
        <Button type="submit" loading={busy} disabled={!current || !next || !confirm || tooShort || mismatch}>
          {t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
