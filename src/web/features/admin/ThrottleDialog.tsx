import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { useAccountDetail } from './accounts-api.js';

/** Recent failed logins of an account, per client address and across addresses, with "clear". */
export function ThrottleDialog(props: { accountId: string | null; onClose(): void; onClear(): void }) {
  const { t, i18n } = useTranslation('admin');
  const detail = useAccountDetail(props.accountId);
  const data = detail.data;
  return (
    <Modal
      opened={props.accountId !== null}
      onClose={props.onClose}
      title={t('accounts.throttle.title')}
      size="lg"
    >
      <Stack>
        <Text size="sm">{t('accounts.throttle.explain')}</Text>
        <ProblemAlert error={detail.error} />
        {detail.isPending ? (
          <LoadingState />
        ) : data && data.throttles.length === 0 ? (
          <Text c="dimmed">{t('accounts.throttle.none')}</Text>
        ) : (
          data && (
            <Table aria-label={t('accounts.throttle.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounts.throttle.from')}</Table.Th>
                  <Table.Th>{t('accounts.throttle.failures')}</Table.Th>
                  <Table.Th>{t('accounts.throttle.last')}</Table.Th>
                  <Table.Th>{t('accounts.throttle.until')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.throttles.map((r) => (
                  <Table.Tr key={`${r.scope}:${r.address ?? ''}`}>
                    <Table.Td ff={r.address ? 'monospace' : undefined}>
                      {r.scope === 'account' ? t('accounts.throttle.allAddresses') : r.address}
                    </Table.Td>
                    <Table.Td>{r.failures}</Table.Td>
                    <Table.Td>{formatDateTime(r.lastFailureAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      {r.blockedUntil ? (
                        <Badge color="orange">{formatDateTime(r.blockedUntil, i18n.language)}</Badge>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('accounts.throttle.close')}
          </Button>
          {data?.throttled && (
            <Button color="red" onClick={props.onClear}>
              {t('accounts.action.unlock')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
