import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.js';
import { Pager } from '../../app/ui/Pager.js';
import { EmptyMessage } from '../../app/ui/States.js';
import type { Submission } from './api.js';
import { SubmissionDialog } from './SubmissionDetail.js';
import { AgencyName } from './ui.js';

export const PAGE_SIZE = 50;

/** Kinds the app knows by name; others show as sent. */
export function useKindLabel() {
  const { t } = useTranslation('central');
  return (kind: string) => t(`kind.${kind}`, { defaultValue: kind });
}

/**
 * Submissions with every version (the latest marked), 独法 "via" their ministry; a row opens the figures.
 * `extra` adds a last column (a ministry's 転送 button).
 */
export function SubmissionsTable<S extends Submission>(props: {
  side: 'central' | 'own';
  label: string;
  items: S[];
  extra?: { label: string; cell(s: S): ReactNode };
  testId?: string;
}) {
  const { t, i18n } = useTranslation('central');
  const kindLabel = useKindLabel();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  if (props.items.length === 0) return <EmptyMessage title={t('submissions.empty')} />;
  const pages = Math.max(1, Math.ceil(props.items.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = props.items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return (
    <>
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover aria-label={props.label} data-testid={props.testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agencyName')}</Table.Th>
              <Table.Th>{t('submissions.kind')}</Table.Th>
              <Table.Th>{t('fiscalYear')}</Table.Th>
              <Table.Th ta="right">{t('submissions.version')}</Table.Th>
              <Table.Th>{t('submissions.at')}</Table.Th>
              {props.extra && <Table.Th>{props.extra.label}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <AgencyName
                    agency={{ code: s.agencyCode, nameJa: s.agencyNameJa, nameEn: s.agencyNameEn }}
                    via={s.via}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => setOpen(s.id)}>
                    {kindLabel(s.kind)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {s.title}
                  </Text>
                </Table.Td>
                <Table.Td>{t('fiscalYearValue', { year: s.fiscalYear })}</Table.Td>
                <Table.Td ta="right">
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {s.latest && (
                      <Badge size="xs" color="green" variant="light">
                        {t('submissions.latest')}
                      </Badge>
                    )}
                    <Text size="sm">{t('submissions.versionValue', { version: s.version })}</Text>
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(s.submittedAt, i18n.language)}
                </Table.Td>
                {props.extra && <Table.Td>{props.extra.cell(s)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager total={props.items.length} page={current} pageSize={PAGE_SIZE} onChange={setPage} />
      <SubmissionDialog side={props.side} id={open} onClose={() => setOpen(null)} />
    </>
  );
}
