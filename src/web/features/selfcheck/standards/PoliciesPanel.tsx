import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../app/api.js';
import { formatDate } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import type { Policy } from '../../../app/types.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { keys, useCatalogs, usePolicies } from '../api.js';

/** The agency's policies (対策基準): each a catalog version plus the agency's changes. */
export function PoliciesPanel() {
  const { t, i18n } = useTranslation('selfcheck');
  const policies = usePolicies();
  const canManage = useCan('selfcheck.manage');
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      {canManage && (
        <Group>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('policies.new')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={policies.error} />
      {policies.isPending ? (
        <LoadingState />
      ) : !policies.data?.length ? (
        <EmptyMessage
          title={t('policies.empty')}
          description={canManage ? t('policies.emptyHint') : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm" aria-label={t('standards.policies')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policies.col.name')}</Table.Th>
                <Table.Th>{t('policies.col.catalog')}</Table.Th>
                <Table.Th ta="right">{t('policies.col.items')}</Table.Th>
                <Table.Th ta="right">{t('policies.col.changes')}</Table.Th>
                <Table.Th>{t('policies.col.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/selfcheck/standards/policies/${p.id}`} fw={600}>
                      {p.name}
                    </Anchor>
                    {p.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {p.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {p.catalogVersion.catalogTitle}{' '}
                      <Text span ff="monospace" size="sm">
                        {p.catalogVersion.version}
                      </Text>
                    </Text>
                    {p.catalogVersion.summary && (
                      <Badge color="yellow" size="xs">
                        {t('catalogs.summary')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{p.itemCount}</Table.Td>
                  <Table.Td ta="right">{p.changeCount}</Table.Td>
                  <Table.Td>{formatDate(p.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreatePolicyModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function CreatePolicyModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation(['selfcheck', 'common']);
  const catalogs = useCatalogs();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [versionId, setVersionId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const versions = catalogs.data ?? [];
  const chosen = versionId ?? versions.find((v) => !v.summary)?.id ?? versions[0]?.id ?? null;
  const chosenVersion = versions.find((v) => v.id === chosen);
  const close = () => {
    setName('');
    setDescription('');
    setVersionId(null);
    setError(null);
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const created = await api<Policy>('/selfcheck/policies', {
        method: 'POST',
        body: { name: name.trim(), description: description.trim(), catalogVersionId: chosen },
      });
      await queryClient.invalidateQueries({ queryKey: keys.policies });
      close();
      navigate(`/selfcheck/standards/policies/${created.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t('policies.newTitle')} centered size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={error} />
          <TextInput
            label={t('policies.name')}
            placeholder={t('policies.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
            required
            maxLength={200}
            data-autofocus
          />
          <Textarea
            label={t('policies.descriptionLabel')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <Select
            label={t('policies.catalog')}
            description={t('policies.catalogHelp')}
            data={versions.map((v) => ({
              value: v.id,
              label: `${v.catalogTitle} ${v.version}${v.summary ? ` (${t('catalogs.summary')})` : ''}`,
            }))}
            value={chosen}
            onChange={setVersionId}
            allowDeselect={false}
            required
          />
          {chosenVersion?.summary && (
            <Text size="sm" c="yellow.9">
              {t('policies.summaryWarning')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim() || !chosen}>
              {t('policies.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
