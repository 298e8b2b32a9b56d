"use client";

import { useEffect, useId, useRef, useState, type PointerEvent } from "react";

export interface ChartPoint {
  time: Date;
  /** null where there is no data (a gap in the line). */
  value: number | null;
}

interface LineChartProps {
  title: string;
  points: readonly ChartPoint[];
  /** Formats values for the axis, the tooltip and the summary, e.g. "3" or "2 min". */
  format?: (value: number) => string;
  height?: number;
}

const PAD = { top: 12, right: 16, bottom: 24, left: 44 };
const timeFormat = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hour12: false });

/** 1, 2 or 5 times a power of ten: a round axis maximum at or above `max`. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

/** The line as SVG path data, broken where values are missing. */
function linePath(coords: readonly ({ x: number; y: number } | null)[]): string {
  let d = "";
  let pen = false;
  for (const c of coords) {
    if (!c) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${c.x.toFixed(1)},${c.y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/**
 * A small time-series line chart drawn as inline SVG (no chart library). It fills its container's
 * width; the accessible name summarises the series, and hovering shows a point's value.
 */
export function LineChart({ title, points, format = (v) => String(v), height = 180 }: LineChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(480);
  const [hover, setHover] = useState<number | null>(null);
  const titleId = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const top = niceMax(Math.max(0, ...values));
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length > 1 ? (i / (points.length - 1)) * plotWidth : plotWidth / 2);
  const y = (v: number) => PAD.top + plotHeight - (v / top) * plotHeight;
  const coords = points.map((p, i) => (p.value === null ? null : { x: x(i), y: y(p.value) }));
  const ticks = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  const timeTicks = points.length > 1 ? [0, Math.round((points.length - 1) / 3), Math.round(((points.length - 1) * 2) / 3), points.length - 1] : [0];

  const last = values.at(-1);
  const summary =
    values.length === 0
      ? `${title}: no data`
      : `${title}: latest ${format(last ?? 0)}, highest ${format(Math.max(...values))}, over ${points.length} minutes`;

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * width;
    const i = Math.round(((px - PAD.left) / plotWidth) * (points.length - 1));
    setHover(points.length ? Math.min(points.length - 1, Math.max(0, i)) : null);
  }

  const hovered = hover !== null ? points[hover] : undefined;
  const tooltip = hovered && `${timeFormat.format(hovered.time)}  ${hovered.value === null ? "no data" : format(hovered.value)}`;
  const tooltipX = hover !== null ? Math.min(Math.max(x(hover), PAD.left + 60), width - PAD.right - 60) : 0;

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      <div ref={ref} className="chart-canvas">
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={summary}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
        >
          {ticks.map((t) => (
            <g key={t}>
              <line className="chart-grid" x1={PAD.left} x2={width - PAD.right} y1={y(t)} y2={y(t)} />
              <text className="chart-label" x={PAD.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle">
                {format(t)}
              </text>
            </g>
          ))}
          {points.length > 0 &&
            timeTicks.map((i) => (
              <text key={i} className="chart-label" x={x(i)} y={height - 6} textAnchor={i === 0 ? "start" : i === points.length - 1 ? "end" : "middle"}>
                {timeFormat.format(points[i]!.time)}
              </text>
            ))}
          <path className="chart-line" d={linePath(coords)} />
          {values.length === 0 && (
            <text className="chart-empty" x={PAD.left + plotWidth / 2} y={PAD.top + plotHeight / 2} textAnchor="middle" dominantBaseline="middle">
              No data for this period
            </text>
          )}
          {coords.map((c, i) =>
            // Lone points (no neighbours) would be invisible as a line.
            c && !coords[i - 1] && !coords[i + 1] ? <circle key={i} className="chart-dot" cx={c.x} cy={c.y} r={2.5} /> : null,
          )}
          {hover !== null && hovered && (
            <g className="chart-hover" aria-hidden="true">
              <line x1={x(hover)} x2={x(hover)} y1={PAD.top} y2={PAD.top + plotHeight} />
              {hovered.value !== null && <circle cx={x(hover)} cy={y(hovered.value)} r={4} />}
              <rect x={tooltipX - 58} y={PAD.top - 2} width={116} height={20} rx={4} />
              <text x={tooltipX} y={PAD.top + 8} textAnchor="middle" dominantBaseline="middle">
                {tooltip}
              </text>
            </g>
          )}
        </svg>
      </div>
    </figure>
  );
}
