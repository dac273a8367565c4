import { Badge, Button, Group, Menu, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { IconDownload, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format.js';
import type { Results } from '../../../app/types.js';
import { downloadHref } from '../api.js';
import { VARIANTS, type Variant } from '../format.js';

/** The view's switches (該当なし counting, 実施率 definition), the frozen badge and the downloads. */
export function ResultsToolbar({
  results: r,
  campaignId,
  unitId,
  naPasses,
  variant,
  onNaPasses,
  onVariant,
}: {
  results: Results;
  campaignId: string;
  unitId: string | null;
  naPasses: boolean;
  variant: Variant;
  onNaPasses(v: boolean): void;
  onVariant(v: Variant): void;
}) {
  const { t, i18n } = useTranslation('selfcheck');
  const href = (format: 'xlsx' | 'csv' | 'oscal', table?: 'items' | 'units' | 'groups') =>
    downloadHref(`/campaigns/${campaignId}/results/export`, {
      format,
      table,
      naPasses: String(naPasses),
      unitId: unitId ?? undefined,
    });
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <Group align="flex-end" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="sc-variant-label">
            {t('results.variant')}
          </Text>
          <SegmentedControl
            size="xs"
            value={variant}
            onChange={(v) => onVariant(v as Variant)}
            data={VARIANTS.map((v) => ({ value: v, label: t(`variant.${v}`) }))}
            aria-labelledby="sc-variant-label"
          />
        </Stack>
        <Switch
          label={t('results.naPasses')}
          checked={naPasses}
          onChange={(e) => onNaPasses(e.currentTarget.checked)}
          mb={4}
        />
      </Group>
      <Group gap="xs" wrap="wrap">
        {r.frozen ? (
          <Badge
            color="green"
            size="lg"
            leftSection={<IconLock size={12} aria-hidden />}
            data-testid="results-frozen"
          >
            {t('results.frozen')}
          </Badge>
        ) : (
          <Badge color="blue" size="lg">
            {t('results.live')}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {t('results.computedAt', { at: formatDateTime(r.computedAt, i18n.language) })}
        </Text>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="light" leftSection={<IconDownload size={16} aria-hidden />}>
              {t('results.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={href('xlsx')} download>
              {t('results.exportXlsx')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item component="a" href={href('csv', 'items')} download>
              {t('results.exportCsvItems')}
            </Menu.Item>
            <Menu.Item component="a" href={href('csv', 'units')} download>
              {t('results.exportCsvUnits')}
            </Menu.Item>
            <Menu.Item component="a" href={href('csv', 'groups')} download>
              {t('results.exportCsvGroups')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item component="a" href={href('oscal')} download title={t('standardExport.oscalHelp')}>
              {t('standardExport.oscal')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
