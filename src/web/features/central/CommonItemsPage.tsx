import { ActionIcon, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf } from '../../../lib/dates.js';
import { api } from '../../app/api.js';
import { formatDate } from '../../app/format.js';
import { useCan } from '../../app/permissions.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { CK, type CommonItems, useCommonItems } from './api.js';
import { FiscalYearSelect } from './ui.js';

type Item = { code: string; note: string; designatedAt: string | null };

/** 共通点検項目: the items every agency's self-check must include in a fiscal year (001 L2784-2790). */
export default function CommonItemsPage() {
  const { t } = useTranslation('central');
  const [fy, setFy] = useState(fiscalYearOf(new Date()));
  const q = useCommonItems(fy);
  return (
    <>
      <PageHeader title={t('common.title')} description={t('common.description')} />
      <Stack>
        <FiscalYearSelect value={fy} onChange={setFy} />
        <ProblemAlert error={q.error} />
        {q.isPending ? <LoadingState /> : q.data ? <Editor key={fy} fy={fy} data={q.data} /> : null}
      </Stack>
    </>
  );
}

function Editor({ fy, data }: { fy: number; data: CommonItems }) {
  const { t, i18n } = useTranslation('central');
  const qc = useQueryClient();
  const canManage = useCan('central.manage');
  const [items, setItems] = useState<Item[]>(data.items);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const dirty =
    JSON.stringify(items.map((i) => [i.code, i.note])) !==
    JSON.stringify(data.items.map((i) => [i.code, i.note]));
  const duplicate = items.some((i) => i.code === code.trim());
  const save = useMutation({
    mutationFn: () =>
      api<CommonItems>('/central/common-items', {
        method: 'PUT',
        body: { fiscalYear: fy, items: items.map((i) => ({ code: i.code, note: i.note })) },
      }),
    onSuccess: (saved) => {
      qc.setQueryData([CK, 'common-items', fy], saved);
      setItems(saved.items);
    },
  });
  const add = () => {
    setItems((p) => [...p, { code: code.trim(), note: note.trim(), designatedAt: null }]);
    setCode('');
    setNote('');
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        {items.length === 0 ? (
          <EmptyMessage title={t('common.empty', { year: fy })} />
        ) : (
          <Table striped aria-label={t('common.title')} data-testid="common-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.code')}</Table.Th>
                <Table.Th>{t('common.note')}</Table.Th>
                <Table.Th>{t('common.designatedAt')}</Table.Th>
                {canManage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.code}>
                  <Table.Td>{i.code}</Table.Td>
                  <Table.Td>{i.note}</Table.Td>
                  <Table.Td>
                    {i.designatedAt ? formatDate(i.designatedAt, i18n.language) : t('common.unsaved')}
                  </Table.Td>
                  {canManage && (
                    <Table.Td ta="right">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.remove', { code: i.code })}
                        onClick={() => setRemoving(i.code)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canManage && (
          <>
            <Group align="flex-end">
              <TextInput
                label={t('common.code')}
                value={code}
                maxLength={64}
                error={duplicate ? t('common.duplicate') : undefined}
                onChange={(e) => setCode(e.currentTarget.value)}
              />
              <TextInput
                label={t('common.note')}
                value={note}
                maxLength={500}
                style={{ flex: 1 }}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
              <Button variant="light" disabled={!code.trim() || duplicate} onClick={add}>
                {t('common.add')}
              </Button>
            </Group>
            <ProblemAlert error={save.error} />
            <Group>
              <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
                {t('common.save')}
              </Button>
              {dirty && (
                <Text size="sm" c="orange">
                  {t('common.dirty')}
                </Text>
              )}
              {save.isSuccess && !dirty && (
                <Text size="sm" c="green">
                  {t('common.saved')}
                </Text>
              )}
            </Group>
          </>
        )}
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('common.removeTitle')}
        message={t('common.removeConfirm', { code: removing ?? '' })}
        confirmLabel={t('common.removeAction')}
        onConfirm={async () => setItems((p) => p.filter((i) => i.code !== removing))}
      />
    </Paper>
  );
}
