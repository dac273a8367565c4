// Charts drawn on the server: Apache ECharts' server-side SVG renderer (no browser, no DOM), and a PNG
// from that SVG with resvg for the .docx (Word shows the PNG where it cannot show SVG).
import { existsSync } from 'node:fs';
import { type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { percentValue } from '../../../lib/percent.js';
import type { Block, ReportDoc } from '../doc-model.js';
import { formatValue } from './cells.js';

// Text is measured by ECharts' width table, never through a canvas: zrender asks a global `document`
// for one when it finds any, and a `document` some other code left on the global (seen when the test
// files share a process) made every chart fail with "document.createElement is not a function".
echarts.setPlatformAPI({ createCanvas: () => null as unknown as HTMLCanvasElement });

export type ChartBlock = Extract<Block, { kind: 'chart' }>;

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 360;

// The first family the viewer has: Noto Sans CJK on the server (fonts-noto-cjk), the usual Japanese
// fonts on a reader's machine for the inline SVG.
const FONT_FAMILY = "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, sans-serif";
const PALETTE = ['#1c6bb8', '#e8833a', '#3a9a5b', '#8c5fb8', '#c4454a', '#6f7782'];

/** The ECharts option of a chart block: rates as % on a 0–100 axis, counts from 0; bars or lines. */
export function chartOption(chart: ChartBlock, locale: ReportDoc['locale']): echarts.EChartsOption {
  const rate = chart.unit === 'rate';
  const points = chart.categories.length * chart.series.length;
  return {
    animation: false,
    color: PALETTE,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY },
    legend: chart.series.length > 1 ? { bottom: 0, type: 'plain' } : undefined,
    grid: { left: 56, right: 24, top: 24, bottom: chart.series.length > 1 ? 64 : 40, containLabel: false },
    xAxis: {
      type: 'category',
      data: chart.categories,
      axisLabel: { interval: 0, hideOverlap: true },
    },
    yAxis: rate
      ? { type: 'value', min: 0, max: 100, interval: 20, axisLabel: { formatter: '{value}%' } }
      : { type: 'value', min: 0, minInterval: 1 },
    series: chart.series.map((s) => ({
      type: chart.type,
      name: s.name,
      // A missing or non-finite value is a gap, never a NaN in the SVG (resvg refuses those).
      data: s.values.map((v) =>
        typeof v === 'number' && Number.isFinite(v) ? (rate ? percentValue(v) : v) : null,
      ),
      connectNulls: false,
      label: {
        show: points <= 24,
        position: 'top' as const,
        fontSize: 10,
        formatter: (p: { value: unknown }) =>
          typeof p.value === 'number'
            ? formatValue(rate ? p.value / 100 : p.value, rate ? 'rate' : 'count', locale)
            : '',
      },
    })),
  };
}

/** The chart as a standalone SVG document (ECharts escapes every text it writes). */
export function chartSvg(chart: ChartBlock, locale: ReportDoc['locale']): string {
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    instance.setOption(chartOption(chart, locale));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf',
];

let fontOptions: ResvgRenderOptions['font'] | undefined;

/**
 * Where resvg finds its fonts, decided once per process. resvg-js builds a font database per render
 * and cannot share one, so instead of scanning every system font for each chart (≈ 2× slower) it
 * is handed the one Japanese font file found here; without it, the system fonts.
 */
function fonts(): ResvgRenderOptions['font'] {
  if (!fontOptions) {
    const files = FONT_CANDIDATES.filter((f) => existsSync(f)).slice(0, 1);
    fontOptions = files.length
      ? {
          loadSystemFonts: false,
          fontFiles: files,
          defaultFontFamily: 'Noto Sans CJK JP',
          sansSerifFamily: 'Noto Sans CJK JP',
        }
      : { loadSystemFonts: true };
  }
  return fontOptions;
}

/** The SVG as a PNG at twice its size (sharp when Word scales it to the page). */
export async function chartPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: fonts(),
    fitTo: { mode: 'zoom', value: 2 },
    background: '#ffffff',
    logLevel: 'off',
  });
  return image.asPng();
}
