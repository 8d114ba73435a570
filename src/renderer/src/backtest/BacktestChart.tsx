// The four equity curves on one chart, the policy's drawdown below them and each asset's regime as a
// coloured band, drawn with lightweight-charts. The canvas is hidden from assistive technology: the
// page names the figure and gives its text summary.
import { Box, Group, Text, useComputedColorScheme, useMantineTheme } from '@mantine/core';
import {
  AreaSeries,
  ColorType,
  createChart,
  HistogramSeries,
  LineSeries,
  PriceScaleMode,
  type HistogramData,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import {
  BACKTEST_STRATEGIES,
  BACKTEST_STRATEGY_LABELS,
  type BacktestResult,
  type BacktestStrategyName,
} from '../../../shared/backtest';
import { REGIME_LABELS, REGIMES } from '../../../shared/strategy';
import { chartTime, PERCENT_FORMAT, toLineData } from '../charts/chart-data';
import { chartPalette } from '../charts/chart-theme';
import { REGIME_COLORS } from '../ui/RegimeBadge';
import { barTimeMs, formatMultiple } from './backtest-results';

/** Mantine colour names, so each curve follows the theme in both colour schemes. */
const STRATEGY_COLORS: Record<BacktestStrategyName, string> = {
  hodl: 'gray',
  static: 'grape',
  carry: 'cyan',
  policy: 'blue',
};

const MULTIPLE_FORMAT = {
  type: 'custom' as const,
  formatter: formatMultiple,
  minMove: 0.0001,
};

export interface BacktestChartProps {
  result: BacktestResult;
  logScale: boolean;
}

function useShade() {
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light');
  const shade = useCallback(
    (name: string) => theme.colors[name]?.[scheme === 'dark' ? 4 : 7] ?? name,
    [theme, scheme],
  );
  return { scheme, shade };
}

export function BacktestChart({ result, logScale }: BacktestChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const equityRef = useRef<ISeriesApi<'Line'> | null>(null);
  const { scheme, shade } = useShade();
  const palette = chartPalette(scheme);
  const times = useMemo(() => result.dates.map(barTimeMs), [result]);
  const assets = useMemo(() => Object.keys(result.regimes), [result]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const chart = createChart(container, {
      autoSize: true,
      localization: { locale: 'en-US', dateFormat: 'yyyy-MM-dd' },
      layout: {
        // One attribution link in the navbar instead of a logo (and a repeated id) on every chart.
        attributionLogo: false,
        background: { type: ColorType.Solid, color: palette.background },
        textColor: palette.text,
        panes: { separatorColor: palette.border },
      },
      grid: { vertLines: { color: palette.grid }, horzLines: { color: palette.grid } },
      rightPriceScale: { borderColor: palette.border },
      timeScale: { borderColor: palette.border },
      // Wheel scrolling would trap the page's own scrolling over the chart.
      handleScroll: { mouseWheel: false, vertTouchDrag: false },
      handleScale: { mouseWheel: false },
    });
    chartRef.current = chart;
    for (const name of BACKTEST_STRATEGIES) {
      const series = chart.addSeries(LineSeries, {
        color: shade(STRATEGY_COLORS[name]),
        lineWidth: name === 'policy' ? 3 : 2,
        priceFormat: MULTIPLE_FORMAT,
        priceLineVisible: false,
        title: BACKTEST_STRATEGY_LABELS[name],
      });
      series.setData(toLineData(times, result.strategies[name].equity));
      if (name === 'policy') equityRef.current = series;
    }
    const drawdown = chart.addSeries(
      AreaSeries,
      {
        lineColor: shade('red'),
        topColor: 'rgba(0,0,0,0)',
        bottomColor: shade('red'),
        lineWidth: 1,
        priceFormat: PERCENT_FORMAT,
        priceLineVisible: false,
        title: 'Policy drawdown',
      },
      1,
    );
    drawdown.setData(toLineData(times, result.strategies.policy.drawdown));
    assets.forEach((asset, i) => {
      const band = chart.addSeries(
        HistogramSeries,
        {
          priceLineVisible: false,
          lastValueVisible: false,
          title: `${asset} regime`,
          // An overlay scale: the band has no values worth an axis, and hiding the pane's own right
          // scale leaves the chart's layout without it.
          priceScaleId: 'regime',
        },
        2 + i,
      );
      const regimes = result.regimes[asset] ?? [];
      const data: HistogramData<UTCTimestamp>[] = [];
      let last = -Infinity;
      regimes.forEach((regime, j) => {
        const t = times[j];
        if (t === undefined || !Number.isFinite(t)) return;
        const time = chartTime(t);
        if (time <= last) return;
        last = time;
        data.push({ time, value: 1, color: shade(REGIME_COLORS[regime]) });
      });
      band.setData(data);
      band.priceScale().applyOptions({ scaleMargins: { top: 0, bottom: 0 } });
    });
    const panes = chart.panes();
    panes[0]?.setStretchFactor(6);
    panes[1]?.setStretchFactor(2);
    for (const pane of panes.slice(2)) pane.setStretchFactor(0.5);
    const timeScale = chart.timeScale();
    timeScale.fitContent();
    // Years of bars: a narrower window shows them all again rather than the latest few months.
    const refit = () => timeScale.fitContent();
    timeScale.subscribeSizeChange(refit);
    return () => {
      timeScale.unsubscribeSizeChange(refit);
      chartRef.current = null;
      equityRef.current = null;
      chart.remove();
    };
  }, [result, times, assets, shade, palette]);

  useEffect(() => {
    equityRef.current?.priceScale().applyOptions({
      mode: logScale ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal,
    });
  }, [logScale, result, shade]);

  const height = 420 + 40 * assets.length;
  return (
    <Box>
      <Box ref={containerRef} h={height} aria-hidden style={{ position: 'relative' }} />
      <Group gap="md" mt="xs" aria-hidden wrap="wrap">
        {BACKTEST_STRATEGIES.map((name) => (
          <LegendItem key={name} color={shade(STRATEGY_COLORS[name])}>
            {BACKTEST_STRATEGY_LABELS[name]}
          </LegendItem>
        ))}
        <LegendItem color={shade('red')}>Policy drawdown (middle)</LegendItem>
      </Group>
      <Group gap="md" mt={4} aria-hidden wrap="wrap">
        <Text size="xs" c="dimmed">
          Regime band{assets.length > 1 ? `s (${assets.join(', ')}, top to bottom)` : ''}:
        </Text>
        {REGIMES.map((regime) => (
          <LegendItem key={regime} color={shade(REGIME_COLORS[regime])}>
            {REGIME_LABELS[regime]}
          </LegendItem>
        ))}
      </Group>
    </Box>
  );
}

function LegendItem({ color, children }: { color: string; children: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Box w={12} h={12} style={{ background: color, borderRadius: 2, flexShrink: 0 }} />
      <Text size="xs">{children}</Text>
    </Group>
  );
}
