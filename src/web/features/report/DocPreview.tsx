import { Alert, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Block, Cell, FigureFormat, ReportDoc, Section } from '../../../modules/report/doc-model.js';
import { formatPercent } from '../../app/format.js';

// The report's document rendered as React elements (never injected HTML): text stays text.

function show(cell: Cell, format: FigureFormat | undefined, lang: string): string {
  if (cell === null) return '—';
  if (typeof cell === 'object') return show(cell.value, cell.format ?? format, lang);
  if (typeof cell === 'number') {
    if (format === 'rate') return formatPercent(cell, lang);
    return cell.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP');
  }
  return cell;
}

function BlockView({ block }: { block: Block }) {
  const { t, i18n } = useTranslation('report');
  const lang = i18n.language;
  switch (block.kind) {
    case 'paragraph':
      return <Text style={{ whiteSpace: 'pre-wrap' }}>{block.text}</Text>;
    case 'narrative':
      return (
        <Stack gap={2}>
          {block.title && <Text fw={600}>{block.title}</Text>}
          <Text style={{ whiteSpace: 'pre-wrap' }} c={block.text ? undefined : 'dimmed'}>
            {block.text || t('notWritten')}
          </Text>
        </Stack>
      );
    case 'not_in_use':
      return <Alert color="gray">{block.text}</Alert>;
    case 'facts':
      return (
        <Table withTableBorder>
          <Table.Tbody>
            {block.items.map((i) => (
              <Table.Tr key={i.label}>
                <Table.Th w="40%">{i.label}</Table.Th>
                <Table.Td>{show(i.value, i.format, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    case 'table':
      return (
        <Stack gap={4}>
          <Text fw={600}>{block.title}</Text>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                {block.columns.map((c) => (
                  <Table.Th key={c.key}>{c.label}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {block.rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
                <Table.Tr key={i}>
                  {r.map((c, j) => (
                    <Table.Td key={block.columns[j]?.key ?? j}>
                      {show(c, block.columns[j]?.format, lang)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {block.note && (
            <Text size="xs" c="dimmed">
              {block.note}
            </Text>
          )}
        </Stack>
      );
    case 'chart':
      return (
        <Text size="sm" c="dimmed">
          {t('chart', { title: block.title })}
        </Text>
      );
  }
}

function SectionView({ section, depth }: { section: Section; depth: number }) {
  return (
    <Stack gap="xs">
      <Title order={Math.min(depth + 3, 6) as 3 | 4 | 5 | 6}>
        {section.number} {section.title}
      </Title>
      {section.blocks.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks are positional
        <BlockView key={i} block={b} />
      ))}
      {section.children?.map((c) => (
        <SectionView key={c.key} section={c} depth={depth + 1} />
      ))}
    </Stack>
  );
}

export function DocPreview({ doc }: { doc: ReportDoc }) {
  const { t } = useTranslation('report');
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2}>{doc.title}</Title>
        <Badge variant="light">{t(`state.${doc.status as 'draft' | 'pending_approval' | 'approved'}`)}</Badge>
        {doc.sections.map((s) => (
          <SectionView key={s.key} section={s} depth={0} />
        ))}
      </Stack>
    </Paper>
  );
}
