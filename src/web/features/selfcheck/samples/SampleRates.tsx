import { Paper, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { SampleDetail } from '../../../app/types.js';
import { pct } from '../format.js';

type Rates = SampleDetail['rates'];
type Figures = Rates['overall']['agency'];
const COLUMNS = ['agency', 'sample', 'verified'] as const;

/**
 * The sample's 実施率 and 到達率 beside the agency's (002 L466), by the plan's metric definition: as the
 * sampled people answered, and once answers found untrue count as not implemented.
 */
export function SampleRates({ rates }: { rates: Rates }) {
  const { t } = useTranslation('selfcheck');
  const implementation = (f: Figures) => pct(f ? f.implementation[rates.variant] : null);
  const attainment = (f: Figures) => pct(f ? f.attainment['100'] : null);
  const rows: [string, Rates['overall']][] = [
    [t('samples.rates.overall'), rates.overall],
    ...Object.entries(rates.groups).map(
      ([g, r]) => [t(`group.${g as 'staff'}`), r] as [string, Rates['overall']],
    ),
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sc-sample-rates">
      <Title order={2} size="h5" id="sc-sample-rates" mb={2}>
        {t('samples.rates.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('samples.rates.help', { definition: t(`planApproval.definitions.${rates.definition}`) })}
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label={t('samples.rates.title')} data-testid="sample-rates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('samples.rates.row')}</Table.Th>
              <Table.Th />
              {COLUMNS.map((c) => (
                <Table.Th key={c} ta="right">
                  {t(`samples.rates.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(([label, r]) => (
              <Fragment key={label}>
                <Table.Tr>
                  <Table.Th rowSpan={2} scope="rowgroup">
                    {label}
                  </Table.Th>
                  <Table.Td>{t('samples.rates.implementation')}</Table.Td>
                  {COLUMNS.map((c) => (
                    <Table.Td key={c} ta="right">
                      {implementation(r[c])}
                    </Table.Td>
                  ))}
                </Table.Tr>
                <Table.Tr>
                  <Table.Td>{t('samples.rates.attainment')}</Table.Td>
                  {COLUMNS.map((c) => (
                    <Table.Td key={c} ta="right">
                      {attainment(r[c])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
