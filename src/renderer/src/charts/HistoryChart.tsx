// A time series drawn with lightweight-charts for a window of time: thinned to the chart's width,
// extended point by point as live data arrives, moving with the other charts of its view, following
// the colour scheme and the container's size, and disposed on unmount.
import { Box, useComputedColorScheme } from '@mantine/core';
import {
  type AutoscaleInfo,
  ColorType,
  createChart,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  type IRange,
  type TickMarkType,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Thresholds } from '../../../shared/strategy';
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
import { arraysOf, drawnPoints, pointsWithin, type TimeWindow } from './chart-range';
import type { ChartSync } from './chart-sync';
import { chartPalette, type ChartPalette } from './chart-theme';
import { bandBars, regimePeriods } from './regime-bands';

export interface HistoryChartProps {
  /** Values as decimals ('percent') or prices; fixed for the life of the chart. */
  kind: ValueKind;
  /** The loaded series, every point of it; null while it loads. */
  data: LineData<UTCTimestamp>[] | null;
  /** The latest point; appended (or replacing the last, within a second) whenever it changes. */
  live: { t: number; v: number } | null;
  lines?: readonly ThresholdLine[];
  /** Shades the regime of each point behind the line (the premium chart). */
  regimes?: Thresholds | null;
  /** The window to show; null shows everything. */
  window?: TimeWindow | null;
  sync?: ChartSync;
  /** The drawn points in view, whenever the view changes (for a caption of what is on screen). */
  onView?: (points: readonly { time: number; value: number }[]) => void;
  height?: number;
}

function layoutOptions(palette: ChartPalette) {
  return {
    layout: {
      background: { type: ColorType.Solid, color: palette.background },
      textColor: palette.text,
      // One attribution link in the navbar instead of a logo (and a repeated id) on every chart.
      attributionLogo: false,
    },
    grid: {
      vertLines: { color: palette.grid },
      horzLines: { color: palette.grid },
    },
    rightPriceScale: { borderColor: palette.border },
    timeScale: { borderColor: palette.border },
  } as const;
}

export function thresholdColour(line: ThresholdLine, palette: ChartPalette): string {
  const key = line.keys[line.keys.length - 1] ?? 'moderateFrom';
  return palette.threshold[key];
}

/** Widths differing by less than this redraw nothing: a resize by a scrollbar is not a new picture. */
const WIDTH_STEP = 40;

/**
 * The canvas is hidden from assistive technology: the caller gives the chart a name and a text
 * summary of what it shows.
 */
export function HistoryChart({
  kind,
  data,
  live,
  lines,
  regimes,
  window = null,
  sync,
  onView,
  height = 220,
}: HistoryChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const seriesRef = useRef<ISeriesApi<'Line'> | null>(null);
  const bandsRef = useRef<ISeriesApi<'Histogram'> | null>(null);
  const lastTimeRef = useRef<number | null>(null);
  const drawnRef = useRef<LineData<UTCTimestamp>[]>([]);
  const interactingRef = useRef(false);
  const onViewRef = useRef(onView);
  useEffect(() => {
    onViewRef.current = onView;
  }, [onView]);
  const [width, setWidth] = useState(0);
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
    // Added first, so it lies behind the line; on a scale of its own, hidden, filling the height.
    const bands = chart.addSeries(HistogramSeries, {
      priceScaleId: 'regimes',
      lastValueVisible: false,
      priceLineVisible: false,
      base: 0,
    });
    chart
      .priceScale('regimes')
      .applyOptions({ visible: false, scaleMargins: { top: 0, bottom: 0 } });
    bandsRef.current = bands;
    const series = chart.addSeries(LineSeries, {
      priceFormat: priceFormatFor(kind),
      lineWidth: 2,
      priceLineVisible: false,
      crosshairMarkerVisible: true,
    });
    seriesRef.current = series;

    const report = (range: IRange<Time> | null) => {
      if (!range || typeof range.from !== 'number' || typeof range.to !== 'number') return;
      onViewRef.current?.(
        pointsWithin(drawnRef.current, { from: range.from * 1000, to: range.to * 1000 }),
      );
    };
    chart.timeScale().subscribeVisibleTimeRangeChange(report);
    const leave = sync?.join({
      chart,
      series,
      points: () => drawnRef.current,
      interacting: () => interactingRef.current,
    });

    const start = () => {
      interactingRef.current = true;
    };
    const stop = () => {
      interactingRef.current = false;
    };
    container.addEventListener('pointerdown', start);
    globalThis.addEventListener('pointerup', stop);
    globalThis.addEventListener('pointercancel', stop);
    const resize = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      setWidth((old) => (Math.abs(old - w) >= WIDTH_STEP ? w : old));
    });
    resize.observe(container);
    return () => {
      resize.disconnect();
      container.removeEventListener('pointerdown', start);
      globalThis.removeEventListener('pointerup', stop);
      globalThis.removeEventListener('pointercancel', stop);
      leave?.();
      chart.timeScale().unsubscribeVisibleTimeRangeChange(report);
      chartRef.current = null;
      seriesRef.current = null;
      bandsRef.current = null;
      lastTimeRef.current = null;
      chart.remove();
    };
  }, [kind, sync]);

  useEffect(() => {
    chartRef.current?.applyOptions(layoutOptions(palette));
    seriesRef.current?.applyOptions({ color: palette.line });
  }, [palette, kind, sync]);

  const arrays = useMemo(() => (data ? arraysOf(data) : null), [data]);
  const drawn = useMemo(() => {
    if (!data || !arrays || data.length === 0) return data ?? [];
    const first = data[0]!.time * 1000;
    const last = data[data.length - 1]!.time * 1000;
    return drawnPoints(data, arrays, window ?? { from: first, to: last }, width || 600);
  }, [data, arrays, window, width]);

  useEffect(() => {
    const series = seriesRef.current;
    const chart = chartRef.current;
    if (!series || !chart) return;
    drawnRef.current = [...drawn];
    series.setData(drawnRef.current);
    const last = drawn[drawn.length - 1];
    lastTimeRef.current = last ? last.time : null;
    const periods = regimes ? regimePeriods(drawn, regimes) : [];
    bandsRef.current?.setData(
      bandBars(drawn, periods, (r) => palette.regime[r]).map((b) => ({
        ...b,
        time: b.time as UTCTimestamp,
      })),
    );
    if (drawn.length === 0) return;
    if (window) {
      try {
        chart.timeScale().setVisibleRange({
          from: chartTime(window.from),
          to: chartTime(window.to),
        });
      } catch {
        chart.timeScale().fitContent();
      }
    } else {
      chart.timeScale().fitContent();
    }
    const range = chart.timeScale().getVisibleRange();
    if (range && typeof range.from === 'number' && typeof range.to === 'number') {
      onViewRef.current?.(
        pointsWithin(drawnRef.current, { from: range.from * 1000, to: range.to * 1000 }),
      );
    }
  }, [drawn, window, regimes, palette, kind, sync]);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series || data === null || live === null) return;
    if (!canAppend(lastTimeRef.current, live.t, live.v)) return;
    const time = chartTime(live.t);
    series.update({ time, value: live.v });
    const drawnNow = drawnRef.current;
    if (drawnNow[drawnNow.length - 1]?.time === time) drawnNow.pop();
    drawnNow.push({ time, value: live.v });
    lastTimeRef.current = time;
  }, [live, data, kind, drawn, sync]);

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
    // No title and no axis label: several levels close together would print over each other and
    // over the last value. The legend under the chart names each line and its level.
    const created = (lines ?? []).map((line) =>
      series.createPriceLine({
        price: line.price,
        title: '',
        color: thresholdColour(line, palette),
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: false,
      }),
    );
    return () => {
      // The chart may already be gone when it unmounted in the same commit.
      if (seriesRef.current !== series) return;
      for (const line of created) series.removePriceLine(line);
    };
  }, [lines, palette, kind, sync]);

  return <Box ref={containerRef} h={height} aria-hidden style={{ position: 'relative' }} />;
}
