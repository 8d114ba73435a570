// A time series drawn with lightweight-charts: loaded once, then extended point by point as live
// data arrives, following the colour scheme and the container's size, and disposed on unmount.
import { Box, useComputedColorScheme } from '@mantine/core';
import {
  type AutoscaleInfo,
  ColorType,
  createChart,
  LineSeries,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  type TickMarkType,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import {
  canAppend,
  chartTime,
  rangeIncluding,
  crosshairLabel,
  priceFormatFor,
  tickLabel,
  type ThresholdLine,
  type ValueKind,
} from './chart-data';
import { chartPalette, type ChartPalette } from './chart-theme';

export interface HistoryChartProps {
  /** Values as decimals ('percent') or prices; fixed for the life of the chart. */
  kind: ValueKind;
  /** The loaded series; null while it loads. */
  data: LineData<UTCTimestamp>[] | null;
  /** The latest point; appended (or replacing the last, within a second) whenever it changes. */
  live: { t: number; v: number } | null;
  lines?: readonly ThresholdLine[];
  height?: number;
}

function layoutOptions(palette: ChartPalette) {
  return {
    layout: {
      background: { type: ColorType.Solid, color: palette.background },
      textColor: palette.text,
    },
    grid: {
      vertLines: { color: palette.grid },
      horzLines: { color: palette.grid },
    },
    rightPriceScale: { borderColor: palette.border },
    timeScale: { borderColor: palette.border },
  } as const;
}

function lineColor(line: ThresholdLine, palette: ChartPalette): string {
  const key = line.keys[line.keys.length - 1] ?? 'moderateFrom';
  return palette.threshold[key];
}

/**
 * The canvas is hidden from assistive technology: the caller gives the chart a name and a text
 * summary of what it shows.
 */
export function HistoryChart({ kind, data, live, lines, height = 220 }: HistoryChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const seriesRef = useRef<ISeriesApi<'Line'> | null>(null);
  const lastTimeRef = useRef<number | null>(null);
  const scheme = useComputedColorScheme('light');
  const palette = chartPalette(scheme);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const chart = createChart(container, {
      autoSize: true,
      localization: { locale: 'en-US', timeFormatter: crosshairLabel },
      timeScale: {
        timeVisible: true,
        secondsVisible: false,
        tickMarkFormatter: (time: Time, type: TickMarkType) => tickLabel(time, type),
      },
      // Wheel scrolling would trap the page's own scrolling over the chart.
      handleScroll: {
        mouseWheel: false,
        pressedMouseMove: true,
        horzTouchDrag: true,
        vertTouchDrag: false,
      },
      handleScale: { mouseWheel: false, pinch: true, axisPressedMouseMove: true },
    });
    chartRef.current = chart;
    seriesRef.current = chart.addSeries(LineSeries, {
      priceFormat: priceFormatFor(kind),
      lineWidth: 2,
      priceLineVisible: false,
    });
    return () => {
      chartRef.current = null;
      seriesRef.current = null;
      lastTimeRef.current = null;
      chart.remove();
    };
  }, [kind]);

  useEffect(() => {
    chartRef.current?.applyOptions(layoutOptions(palette));
    seriesRef.current?.applyOptions({ color: palette.line });
  }, [palette, kind]);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series) return;
    series.setData(data ?? []);
    const last = data?.[data.length - 1];
    lastTimeRef.current = last ? last.time : null;
    if (data && data.length > 0) chartRef.current?.timeScale().fitContent();
  }, [data, kind]);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series || data === null || live === null) return;
    if (!canAppend(lastTimeRef.current, live.t, live.v)) return;
    const time = chartTime(live.t);
    series.update({ time, value: live.v });
    lastTimeRef.current = time;
  }, [live, data, kind]);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series) return undefined;
    const levels = (lines ?? []).map((line) => line.price);
    series.applyOptions({
      autoscaleInfoProvider: (base: () => AutoscaleInfo | null): AutoscaleInfo | null => {
        const info = base();
        if (levels.length === 0) return info;
        return { ...info, priceRange: rangeIncluding(info?.priceRange ?? null, levels) };
      },
    });
    const created = (lines ?? []).map((line) =>
      series.createPriceLine({
        price: line.price,
        title: line.title,
        color: lineColor(line, palette),
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: true,
      }),
    );
    return () => {
      // The chart may already be gone when it unmounted in the same commit.
      if (seriesRef.current !== series) return;
      for (const line of created) series.removePriceLine(line);
    };
  }, [lines, palette, kind]);

  return <Box ref={containerRef} h={height} aria-hidden style={{ position: 'relative' }} />;
}
