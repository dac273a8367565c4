import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatPercentNumber } from '../../../app/format.js';

export interface RateChartProps {
  /** One row per category: its label and a value (percent, 0..100) per series. */
  data: Record<string, string | number | null>[];
  series: { name: string; label: string; color: string }[];
  /** Bars along the category axis (vertical), or one bar per row across (horizontal, for many units). */
  orientation?: 'vertical' | 'horizontal';
  height: number;
  label: string;
}

/** A bar chart of rates in percent (lazy: recharts loads only with the results page). */
export default function RateChart({ data, series, orientation = 'vertical', height, label }: RateChartProps) {
  const horizontal = orientation === 'horizontal';
  const { i18n } = useTranslation();
  const asPercent = (v: number) => formatPercentNumber(v, i18n.language);
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <BarChart
        h={height}
        data={data}
        dataKey="label"
        series={series}
        orientation={horizontal ? 'vertical' : 'horizontal'}
        valueFormatter={asPercent}
        yAxisProps={
          horizontal
            ? { width: 140 }
            : { domain: [0, 100], ticks: [0, 25, 50, 75, 100], tickFormatter: asPercent }
        }
        xAxisProps={horizontal ? { domain: [0, 100], tickFormatter: asPercent } : undefined}
        withLegend={series.length > 1}
        withBarValueLabel={!horizontal}
        maxBarWidth={48}
        tooltipAnimationDuration={0}
        barProps={{ isAnimationActive: false }}
      />
    </figure>
  );
}
