import { Badge, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../../lib/percent.js';
import { GRADE_COLORS } from './api.js';
import type { Grade, GradeTable as Table_ } from './types.js';

export function GradeBadge({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation('inspections');
  if (!grade) return <Text c="dimmed">{t('grades.noGrade')}</Text>;
  return (
    <Badge color={GRADE_COLORS[grade]} size="lg" variant="filled" data-grade={grade}>
      {grade}
    </Badge>
  );
}

function Previous({ grade, trend }: { grade: Grade | null; trend: 'up' | 'same' | 'down' | null }) {
  const { t } = useTranslation('inspections');
  if (!grade) return <Text c="dimmed">—</Text>;
  return (
    <Text size="sm">
      {grade}
      {trend ? `（${t(`trend.${trend}`)}）` : ''}
    </Text>
  );
}

/** The grade table: divisions pooled, then every host, and the sources' legend (000 L1144-1169). */
export function GradeTable({ table }: { table: Table_ }) {
  const { t, i18n } = useTranslation('inspections');
  const pct = (r: number | null) => formatPercent(r, i18n.language);
  return (
    <>
      <Title order={2} size="h4" mt="lg" mb="xs">
        {t('grades.byDivision')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label={t('grades.byDivision')} data-testid="grades-divisions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('grades.col.division')}</Table.Th>
              <Table.Th ta="right">{t('grades.col.submitted')}</Table.Th>
              <Table.Th ta="right">{t('grades.col.met')}</Table.Th>
              <Table.Th ta="right">{t('grades.col.rate')}</Table.Th>
              <Table.Th>{t('grades.col.grade')}</Table.Th>
              <Table.Th>{t('grades.col.previous')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.divisions.map((d) => (
              <Table.Tr key={d.unitId}>
                <Table.Td>{d.unitName}</Table.Td>
                <Table.Td ta="right">
                  {d.submitted} / {d.hosts}
                </Table.Td>
                <Table.Td ta="right">
                  {d.met} / {d.applicable}
                </Table.Td>
                <Table.Td ta="right">{pct(d.rate)}</Table.Td>
                <Table.Td>
                  <GradeBadge grade={d.grade} />
                </Table.Td>
                <Table.Td>
                  <Previous grade={d.previousGrade} trend={d.trend} />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t('grades.total')}</Table.Td>
              <Table.Td ta="right">
                {table.total.submitted} / {table.total.hosts}
              </Table.Td>
              <Table.Td ta="right">
                {table.total.met} / {table.total.applicable}
              </Table.Td>
              <Table.Td ta="right">{pct(table.total.rate)}</Table.Td>
              <Table.Td>
                <GradeBadge grade={table.total.grade} />
              </Table.Td>
              <Table.Td>
                <Previous grade={table.total.previousGrade} trend={table.total.trend} />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={2} size="h4" mt="lg" mb="xs">
        {t('grades.byHost')}
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label={t('grades.byHost')} data-testid="grades-hosts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('grades.col.division')}</Table.Th>
              <Table.Th>{t('grades.col.system')}</Table.Th>
              <Table.Th>{t('grades.col.host')}</Table.Th>
              <Table.Th>{t('grades.col.role')}</Table.Th>
              <Table.Th ta="right">{t('grades.col.met')}</Table.Th>
              <Table.Th ta="right">{t('grades.col.rate')}</Table.Th>
              <Table.Th>{t('grades.col.grade')}</Table.Th>
              <Table.Th>{t('grades.col.previous')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.hosts.map((h) => (
              <Table.Tr key={h.targetId}>
                <Table.Td>{h.unitName}</Table.Td>
                <Table.Td>{h.systemName}</Table.Td>
                <Table.Td>{h.hostName}</Table.Td>
                <Table.Td>{t(`role.${h.role}`)}</Table.Td>
                <Table.Td ta="right">
                  {h.submittedAt ? `${h.met} / ${h.applicable}` : t('status.pending')}
                </Table.Td>
                <Table.Td ta="right">{h.submittedAt ? pct(h.rate) : '—'}</Table.Td>
                <Table.Td>
                  <GradeBadge grade={h.grade} />
                </Table.Td>
                <Table.Td>
                  <Previous grade={h.previousGrade} trend={h.trend} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={2} size="h4" mt="lg" mb="xs">
        {t('grades.legend')}
      </Title>
      <Table aria-label={t('grades.legend')}>
        <Table.Tbody>
          {table.grades.map((g) => (
            <Table.Tr key={g.grade}>
              <Table.Td w={60}>
                <GradeBadge grade={g.grade} />
              </Table.Td>
              <Table.Td w={160}>{g.range}</Table.Td>
              <Table.Td>
                <Tooltip label={g.en} disabled={i18n.language.startsWith('ja')}>
                  <Text size="sm">{i18n.language.startsWith('ja') ? g.ja : g.en}</Text>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
