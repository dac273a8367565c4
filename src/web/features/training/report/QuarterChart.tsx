import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatPercentNumber } from '../../../app/format.js';

/** Completion rate by fiscal quarter (lazy: recharts loads only with the report page). */
export default function QuarterChart({
  data,
  series,
  label,
}: {
  data: Record<string, string | number | null>[];
  series: { name: string; label: string; color: string }[];
  label: string;
}) {
  const { i18n } = useTranslation();
  const asPercent = (v: number) => formatPercentNumber(v, i18n.language);
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <LineChart
        h={260}
        data={data}
        dataKey="label"
        series={series}
        yAxisProps={{ domain: [0, 100], ticks: [0, 25, 50, 75, 100], tickFormatter: asPercent }}
        valueFormatter={asPercent}
        withLegend={series.length > 1}
        connectNulls
        tooltipAnimationDuration={0}
        lineProps={{ isAnimationActive: false }}
      />
    </figure>
  );
}
