import { SegmentedControl, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../app/types.js';
import { pct, type Variant } from '../format.js';
import { useGroupLabel } from './labels.js';

const natural = new Intl.Collator('en', { numeric: true });

/** 実施率 and 到達率 per chapter of the standard, for one metric group at a time. */
export function ChapterTable({ results: r, variant }: { results: Results; variant: Variant }) {
  const { t } = useTranslation('selfcheck');
  const groupLabel = useGroupLabel();
  const groups = Object.keys(r.chapters);
  const [group, setGroup] = useState(groups[0] ?? '');
  const current = r.chapters[group] ? group : (groups[0] ?? '');
  const titles = new Map(r.items.map((i) => [i.chapterNo, i.chapterTitle]));
  const rows = Object.entries(r.chapters[current] ?? {}).sort(([a], [b]) => natural.compare(a, b));
  if (groups.length === 0) return null;
  return (
    <Stack gap="xs">
      {groups.length > 1 && (
        <SegmentedControl
          size="xs"
          value={current}
          onChange={setGroup}
          data={groups.map((g) => ({ value: g, label: groupLabel(g) }))}
          aria-label={t('results.chapterGroup')}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table
          striped
          aria-label={t('results.byChapterOf', { group: groupLabel(current) })}
          data-testid="chapter-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('results.col.chapter')}</Table.Th>
              <Table.Th ta="right">
                {t('metric.implementationOf', { variant: t(`variant.${variant}`) })}
              </Table.Th>
              <Table.Th ta="right">{t('metric.attainmentAt', { threshold: '100' })}</Table.Th>
              <Table.Th ta="right">{t('metric.attainmentAt', { threshold: '95' })}</Table.Th>
              <Table.Th ta="right">{t('metric.attainmentAt', { threshold: '90' })}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(([no, f]) => (
              <Table.Tr key={no}>
                <Table.Td>{t('results.chapterName', { no, title: titles.get(no) ?? '' })}</Table.Td>
                <Table.Td ta="right">{pct(f.implementation[variant])}</Table.Td>
                <Table.Td ta="right">{pct(f.attainment['100'])}</Table.Td>
                <Table.Td ta="right">{pct(f.attainment['95'])}</Table.Td>
                <Table.Td ta="right">{pct(f.attainment['90'])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
