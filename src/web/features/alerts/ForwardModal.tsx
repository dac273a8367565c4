import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { useLocalName } from '../../app/units.js';
import { useDeliveryAction, useForwardPreview } from './api.js';

/**
 * 展開 inside the agency (000 L839-845): the owners of systems running a named product, and the holders
 * of chosen roles, each once. The preview is shown first; sending asks for confirmation.
 */
export function ForwardModal({ id, opened, onClose }: { id: string; opened: boolean; onClose(): void }) {
  const { t } = useTranslation('alerts');
  const localName = useLocalName();
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const preview = useForwardPreview(id, roleIds, opened);
  const send = useDeliveryAction(() =>
    api<{ forwardedCount: number }>(`/alerts/${id}/forward`, { method: 'POST', body: { roleIds } }),
  );
  const close = () => {
    setConfirming(false);
    setDone(null);
    send.reset();
    onClose();
  };
  const p = preview.data;
  const recipients = p?.recipients ?? [];
  return (
    <Modal opened={opened} onClose={close} title={t('forward.title')} size="xl">
      {done !== null ? (
        <Stack>
          <Alert color="green" role="status">
            {t('forward.done', { count: done })}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>{t('forward.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('forward.help')}
          </Text>
          <MultiSelect
            label={t('forward.roles')}
            searchable
            clearable
            data={(p?.roles ?? []).map((r) => ({
              value: r.id,
              label: localName({ nameJa: r.nameJa, nameEn: r.nameEn }),
            }))}
            value={roleIds}
            onChange={(v) => {
              setRoleIds(v);
              setConfirming(false);
            }}
          />
          <ProblemAlert error={preview.error} />
          {preview.isPending ? (
            <LoadingState />
          ) : (
            p && (
              <>
                <Title order={3} size="h5">
                  {t('forward.systems', { count: p.systems.length })}
                </Title>
                {p.systems.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('forward.noSystems')}
                  </Text>
                ) : (
                  <Table>
                    <Table.Tbody>
                      {p.systems.map((s) => (
                        <Table.Tr key={s.id}>
                          <Table.Td>{s.code}</Table.Td>
                          <Table.Td>{s.name}</Table.Td>
                          <Table.Td>
                            {s.components.map((c) => `${c.vendor} ${c.product} ${c.version}`).join('、')}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                <Title order={3} size="h5">
                  {t('forward.recipients', { count: recipients.length })}
                </Title>
                {recipients.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('forward.noRecipients')}
                  </Text>
                ) : (
                  <List size="sm" data-testid="forward-recipients">
                    {recipients.map((r) => (
                      <List.Item key={r.personId}>
                        {r.name}{' '}
                        <Badge size="xs" variant="light">
                          {t(`forward.reason.${r.reason}`)}
                        </Badge>{' '}
                        {!r.hasEmail && (
                          <Badge size="xs" color="orange">
                            {t('forward.noEmail')}
                          </Badge>
                        )}
                      </List.Item>
                    ))}
                  </List>
                )}
              </>
            )
          )}
          <ProblemAlert error={send.error} />
          {confirming && (
            <Alert color="blue" title={t('forward.confirmTitle')}>
              {t('forward.confirm', { count: recipients.length })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('form.cancel')}
            </Button>
            {confirming ? (
              <Button
                loading={send.isPending}
                onClick={() => send.mutate(undefined, { onSuccess: (r) => setDone(r.forwardedCount) })}
              >
                {t('forward.send', { count: recipients.length })}
              </Button>
            ) : (
              <Button
                disabled={recipients.length === 0 || preview.isFetching}
                onClick={() => setConfirming(true)}
              >
                {t('forward.next')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
