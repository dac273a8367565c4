import { Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import {
  type AdvisoryResponse,
  RESPONSE_STATUSES,
  type ResponseStatus,
  STATUS_COLORS,
  useAnswer,
} from './api.js';

/** Responses with their status and target date; those the user may answer get an "Answer" button. */
export function ResponsesTable({
  items,
  showAdvisory,
}: {
  items: AdvisoryResponse[];
  showAdvisory?: boolean;
}) {
  const { t } = useTranslation('advisories');
  const [editing, setEditing] = useState<AdvisoryResponse | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="sm" data-testid="advisory-responses">
          <Table.Thead>
            <Table.Tr>
              {showAdvisory && <Table.Th>{t('col.advisory')}</Table.Th>}
              <Table.Th>{t('col.system')}</Table.Th>
              <Table.Th>{t('col.unit')}</Table.Th>
              <Table.Th>{t('col.components')}</Table.Th>
              <Table.Th>{t('col.status')}</Table.Th>
              <Table.Th>{t('col.target')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                {showAdvisory && (
                  <Table.Td>
                    <Anchor component={Link} to={`/systems/advisories/${r.advisoryId}`}>
                      {r.trackingId}
                    </Anchor>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {r.advisoryTitle}（CVSS {r.cvssScore ?? '—'}）
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  {r.systemCode} {r.systemName}
                </Table.Td>
                <Table.Td>{r.unitName}</Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {r.components.map((c) => `${c.vendor} ${c.product} ${c.version}`).join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[r.status]}>{t(`status.${r.status}`)}</Badge>
                  {r.reason && (
                    <Text size="xs" c="dimmed">
                      {r.reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="sm">{r.targetDate}</Text>
                    {r.overdue && <Badge color="red">{t('overdueBadge')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {r.canAnswer && (
                    <Button size="xs" variant="light" onClick={() => setEditing(r)}>
                      {t('answer.open')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <AnswerModal response={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function AnswerModal({ response, onClose }: { response: AdvisoryResponse; onClose(): void }) {
  const { t } = useTranslation('advisories');
  const answer = useAnswer();
  const [status, setStatus] = useState<ResponseStatus>(
    response.status === 'open' ? 'patched' : response.status,
  );
  const [reason, setReason] = useState(response.reason);
  return (
    <Modal opened onClose={onClose} title={t('answer.title', { system: response.systemName })}>
      <Stack>
        <Select
          label={t('col.status')}
          data={RESPONSE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={(v) => v && setStatus(v as ResponseStatus)}
          allowDeselect={false}
        />
        <Textarea
          label={t('answer.reason')}
          description={status === 'risk_accepted' ? t('answer.reasonRequired') : undefined}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required={status === 'risk_accepted'}
        />
        <ProblemAlert error={answer.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('answer.cancel')}
          </Button>
          <Button
            loading={answer.isPending}
            onClick={() => answer.mutate({ id: response.id, status, reason }, { onSuccess: onClose })}
          >
            {t('answer.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
