import {
  Box,
  Group,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Tree,
  type TreeNodeData,
  useTree,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronRight, IconSearch } from '@tabler/icons-react';
import { type KeyboardEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../app/types.js';
import { useLocalName } from '../../app/units.js';
import { buildForest, filterForest, initialExpanded } from './tree.js';

interface UnitTreeProps {
  units: Unit[];
  selectedId: string | null;
  onSelect(id: string): void;
}

/** The org tree with a name filter. Fast with hundreds of units: collapsed nodes render nothing below them. */
export function UnitTree({ units, selectedId, onSelect }: UnitTreeProps) {
  const { t } = useTranslation('org');
  const [filter, setFilter] = useState('');
  const [needle] = useDebouncedValue(filter.trim().toLowerCase(), 200);
  const index = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const forest = useMemo(() => buildForest(units), [units]);
  const filtered = useMemo(() => {
    if (!needle) return null;
    return filterForest(forest.nodes, (id) => {
      const u = index.get(id);
      return !!u && [u.nameJa, u.nameEn ?? '', u.code].some((s) => s.toLowerCase().includes(needle));
    });
  }, [needle, forest, index]);
  const selected = selectedId ? index.get(selectedId) : undefined;
  return (
    <Stack gap="xs" h="100%">
      <TextInput
        label={t('tree.filter')}
        placeholder={t('tree.filterPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        size="sm"
      />
      {filtered && filtered.nodes.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          {t('tree.noMatch')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto" offsetScrollbars>
          <TreeView
            key={needle ? `filter:${needle}` : 'all'}
            data={filtered?.nodes ?? forest.nodes}
            initialExpandedState={filtered?.expanded ?? initialExpanded(forest, selected)}
            index={index}
            totals={forest.totals}
            selectedId={selectedId}
            onSelect={onSelect}
          />
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

interface TreeViewProps {
  data: TreeNodeData[];
  initialExpandedState: Record<string, boolean>;
  index: Map<string, Unit>;
  totals: Map<string, number>;
  selectedId: string | null;
  onSelect(id: string): void;
}

function TreeView({ data, initialExpandedState, index, totals, selectedId, onSelect }: TreeViewProps) {
  const { t } = useTranslation('org');
  const name = useLocalName();
  const selectedState = useMemo(() => (selectedId ? [selectedId] : []), [selectedId]);
  const tree = useTree({ initialExpandedState, selectedState, onSelectedStateChange: () => {} });
  // Arrow keys move and open/close (Mantine); Enter or Space selects the focused unit.
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const item = (e.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
    if (!item?.dataset.value) return;
    e.preventDefault();
    onSelect(item.dataset.value);
  };
  return (
    <Tree
      data={data}
      tree={tree}
      aria-label={t('tree.label')}
      levelOffset="md"
      expandOnClick={false}
      expandOnSpace={false}
      selectOnClick={false}
      allowRangeSelection={false}
      onKeyDown={onKeyDown}
      renderNode={({ node, expanded, hasChildren, selected, elementProps }) => {
        const unit = index.get(node.value);
        if (!unit) return null;
        const total = totals.get(unit.id) ?? 0;
        return (
          <Group
            gap={4}
            wrap="nowrap"
            {...elementProps}
            onClick={(e) => {
              elementProps.onClick(e);
              onSelect(unit.id);
              if (hasChildren && !expanded) tree.expand(unit.id);
            }}
          >
            <Box
              component="span"
              w={20}
              h={20}
              style={{ display: 'inline-flex', alignItems: 'center', flex: 'none' }}
              data-testid={hasChildren ? 'tree-toggle' : undefined}
              onClick={(e) => {
                if (!hasChildren) return;
                e.stopPropagation();
                tree.toggleExpanded(unit.id);
              }}
            >
              {hasChildren && (
                <IconChevronRight
                  size={16}
                  aria-hidden
                  style={{ transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }}
                />
              )}
            </Box>
            <Text
              size="sm"
              fw={selected ? 700 : 400}
              truncate
              td={unit.abolished ? 'line-through' : undefined}
            >
              {name(unit)}
            </Text>
            <Text size="xs" c="dimmed" aria-hidden style={{ flex: 'none' }}>
              {total.toLocaleString()}
            </Text>
            <VisuallyHidden>{t('tree.peopleCount', { count: total })}</VisuallyHidden>
          </Group>
        );
      }}
    />
  );
}
