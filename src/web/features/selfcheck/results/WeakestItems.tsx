import { Anchor, Code, Group, Progress, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../app/types.js';
import { localTitle, pct } from '../format.js';
import { points } from './model.js';

const SHOWN = 10;

/** The items with the lowest 実施率 (the engine sorts weakest first), with the change since last year. */
export function WeakestItems({ results: r, onOpen }: { results: Results; onOpen(itemId: string): void }) {
  const { t, i18n } = useTranslation('selfcheck');
  const meta = new Map(r.items.map((i) => [i.itemId, i]));
  const change = new Map((r.previous?.overall.items ?? []).map((i) => [i.item, i.change]));
  const weakest = r.overall.items.filter((i) => i.duty > 0).slice(0, SHOWN);
  if (weakest.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('results.noAnswers')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" aria-label={t('results.weakest')} data-testid="weakest-items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('results.col.item')}</Table.Th>
            <Table.Th ta="right">{t('results.col.answers')}</Table.Th>
            <Table.Th>{t('results.col.rate')}</Table.Th>
            {r.previous && <Table.Th ta="right">{t('results.col.change')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weakest.map((it) => {
            const m = meta.get(it.item);
            const diff = change.get(it.item);
            return (
              <Table.Tr key={it.item}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => onOpen(it.item)} ta="left">
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Code fz="xs">{it.item}</Code>
                      <Text size="sm">{m ? localTitle(m, i18n.language) : ''}</Text>
                    </Group>
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{t('results.implementedOf', { n: it.implemented, of: it.duty })}</Text>
                </Table.Td>
                <Table.Td miw={150}>
                  <Group gap="xs" wrap="nowrap">
                    <Progress
                      value={(it.rate ?? 0) * 100}
                      color={(it.rate ?? 0) < 0.9 ? 'red' : (it.rate ?? 0) < 1 ? 'orange' : 'green'}
                      style={{ flex: 1 }}
                      aria-hidden
                    />
                    <Text size="sm" fw={600} w={56} ta="right">
                      {pct(it.rate)}
                    </Text>
                  </Group>
                </Table.Td>
                {r.previous && (
                  <Table.Td ta="right">
                    <Text
                      size="sm"
                      c={diff == null || diff === 0 ? 'dimmed' : diff < 0 ? 'red.8' : 'green.9'}
                    >
                      {diff == null
                        ? '—'
                        : t('results.points', {
                            value: points(diff),
                          })}
                    </Text>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
