import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useMe } from '../../app/auth.js';
import { usePermissionLabel } from '../../app/labels.js';
import type { CreatedToken } from '../../app/types.js';
import { fieldError, ProblemAlert } from '../../app/ui/ProblemAlert.js';

/** A token can carry only permissions the user holds; least privilege is the default (none ticked). */
export function CreateTokenForm({ onCreated }: { onCreated(token: CreatedToken): void }) {
  const { t } = useTranslation('profile');
  const me = useMe();
  const permissionLabel = usePermissionLabel();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState<number | string>(90);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api<CreatedToken>('/me/tokens', {
        method: 'POST',
        body: { name: name.trim(), scopes, expiresInDays: Number(days) },
      });
      setName('');
      setScopes([]);
      onCreated(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <ProblemAlert error={error} />
        <Group align="flex-start">
          <TextInput
            label={t('tokens.name')}
            description={t('tokens.nameHelp')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
            required
            miw={260}
          />
          <NumberInput
            label={t('tokens.expiresInDays')}
            value={days}
            onChange={setDays}
            min={1}
            max={3650}
            allowDecimal={false}
            w={160}
          />
        </Group>
        <Checkbox.Group
          label={t('tokens.scopes')}
          description={t('tokens.scopesHelp')}
          value={scopes}
          onChange={setScopes}
        >
          <Checkbox mt="xs" value="self" label={t('tokens.self')} description={t('tokens.selfHelp')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {me.permissions.map((p) => (
              <Checkbox key={p.permission} value={p.permission} label={permissionLabel(p.permission)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={busy} disabled={!name.trim() || scopes.length === 0 || !days}>
            {t('tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
