import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemporaryPassword } from '../../app/types.js';
import { fieldError, ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { ACCOUNTS_KEY, accountActions, usePeopleSearch } from './accounts-api.js';

interface Props {
  opened: boolean;
  onClose(): void;
  onCreated(result: TemporaryPassword): void;
}

/** A login for a person; the server answers with a one-time temporary password. */
export function CreateAccountModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation(['admin', 'common']);
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const people = usePeopleSearch(q);
  const [personId, setPersonId] = useState<string | null>(null);
  const [login, setLogin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const options = (people.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${p.staffNo}）`,
  }));
  const close = () => {
    setPersonId(null);
    setLogin('');
    setError(null);
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!personId || !login) return;
    setBusy(true);
    setError(null);
    try {
      const result = await accountActions.create(personId, login.trim());
      await queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      close();
      onCreated(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t('accounts.create.title')} centered>
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={error} />
          <Select
            label={t('accounts.create.person')}
            description={t('accounts.create.personHelp')}
            data={options}
            value={personId}
            onChange={setPersonId}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={
              people.isFetching ? t('accounts.create.searching') : t('accounts.create.noPerson')
            }
            required
          />
          <TextInput
            label={t('accounts.create.login')}
            description={t('accounts.create.loginHelp')}
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            error={fieldError(error, 'login')}
            required
            autoComplete="off"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!personId || login.trim().length < 2}>
              {t('accounts.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
