/**
 * The flame graph, on a canvas: draws the core flame view-model's rectangles for the visible range.
 * Click a frame to zoom to it; Ctrl/⌘+wheel zooms, drag or Shift+wheel pans; keyboard: ←/→ pan, +/− zoom,
 * ↑/↓ parent/child, Enter zoom to the selection, Esc reset. Search highlights matching frames.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DeltaColoring } from '../../core/diff/flame-diff-model';
import type { FlameLayout } from '../../core/profile/flame-layout';
import { flameRects, searchFrames } from '../../core/profile/flame-view-model';
import type { FlameRect } from '../../core/profile/flame-view-model';
import { formatValue } from '../../core/profile/format-value';
import { codeFirst, hitTest, panBy, rangeOf, zoomAt } from '../view-models/flame-viewport';
import type { ValueRange } from '../view-models/flame-viewport';
import { drawFlame, ROW_HEIGHT_PX } from './draw-flame';
import { flamePalette } from './flame-colors';
import { FlameTooltip } from './flame-tooltip';
import { Icon } from './icon';
import { useDarkMode, useElementWidth } from './hooks';
import { useVisibleRows } from './use-visible-rows';
import { useWheelNavigation } from './use-wheel-navigation';

export interface FlameGraphProps {
  layout: FlameLayout;
  selected: number | null;
  onSelect(node: number | null): void;
  /** Search text: frames whose name or file contains it are highlighted. */
  query: string;
  onQuery(query: string): void;
  /** Colour by change against a base instead of by frame family, with a tooltip line per node. */
  delta?: DeltaColoring;
}

export function FlameGraph(props: FlameGraphProps) {
  const { selected, onSelect, query, onQuery: setQuery, delta } = props;
  const [codeOnly, setCodeOnly] = useState(true);
  const arranged = useMemo(() => codeFirst(props.layout), [props.layout]);
  const layout = codeOnly ? arranged.layout : props.layout;
  const { model } = layout;
  const unit = model.valueTypes[layout.valueIndex]?.unit ?? '';
  const canvas = useRef<HTMLCanvasElement>(null);
  // Reading the computed style at every frame of a pan costs a style pass: once per canvas.
  const fontOf = useRef<string | null>(null);
  const [container, widthPx] = useElementWidth<HTMLDivElement>();
  const dark = useDarkMode();
  const home = codeOnly ? arranged.code : { x0: 0, x1: layout.extent };
  const [range, setRange] = useState<ValueRange>(home);
  const [hover, setHover] = useState<{ rect: FlameRect; x: number; y: number } | null>(null);
  const drag = useRef<{ startX: number; range: ValueRange; moved: boolean } | null>(null);
  const heightPx = Math.max(1, layout.depthCount) * ROW_HEIGHT_PX;
  const { boxRef, onScroll, topPx, heightPx: viewPx } = useVisibleRows(heightPx, container);
  const depth0 = Math.floor(topPx / ROW_HEIGHT_PX);
  const depth1 = Math.ceil((topPx + viewPx) / ROW_HEIGHT_PX);
  const rects = useMemo(
    () => (widthPx > 0 ? flameRects(layout, { x0: range.x0, x1: range.x1, depth0, depth1, widthPx }) : []),
    [layout, range, widthPx, depth0, depth1],
  );
  const matches = useMemo(() => {
    const frames = searchFrames(model, query);
    return query.trim() ? (node: number) => frames.has(model.nodes.frame[node] ?? -1) : null;
  }, [model, query]);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || widthPx === 0 || viewPx === 0) return;
    const ratio = window.devicePixelRatio || 1;
    // Setting a canvas's size allocates its bitmap again, even to the same size: only when it changed.
    const width = Math.round(widthPx * ratio);
    const height = Math.round(viewPx * ratio);
    if (element.width !== width) element.width = width;
    if (element.height !== height) element.height = height;
    const font = (fontOf.current ??= `11px ${getComputedStyle(element).fontFamily || 'system-ui'}`);
    drawFlame(context, {
      rects,
      widthPx,
      heightPx: viewPx,
      topPx,
      pixelRatio: ratio,
      palette: flamePalette(dark),
      matches,
      selectedNode: selected,
      font,
      fillOf: delta?.fillOf,
    });
  }, [rects, widthPx, viewPx, topPx, dark, matches, selected, delta]);
  useWheelNavigation(canvas, layout.extent, setRange);

  const at = (event: React.MouseEvent) => {
    const bounds = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const x = event.clientX - bounds.left;
    // In the flame graph's coordinates (the tooltip's too): the canvas shows it from `topPx` down.
    const y = event.clientY - bounds.top + topPx;
    return { x, y, rect: hitTest(rects, x, Math.floor(y / ROW_HEIGHT_PX)) };
  };
  const focus = (node: number) => {
    onSelect(node);
    setRange(rangeOf(layout.x[node] ?? 0, layout.width[node] ?? layout.extent, layout.extent));
  };
  const reset = () => {
    setRange(home);
    onSelect(null);
  };
  const onKey = (event: React.KeyboardEvent) => {
    const step: Record<string, () => void> = {
      ArrowLeft: () => setRange((r) => panBy(r, layout.extent, -0.1)),
      ArrowRight: () => setRange((r) => panBy(r, layout.extent, 0.1)),
      '+': () => setRange((r) => zoomAt(r, layout.extent, 0.8)),
      '=': () => setRange((r) => zoomAt(r, layout.extent, 0.8)),
      '-': () => setRange((r) => zoomAt(r, layout.extent, 1.25)),
      Escape: reset,
      Enter: () => selected !== null && focus(selected),
      ArrowUp: () => {
        const parent = selected === null ? -1 : (model.nodes.parent[selected] ?? -1);
        if (parent >= 0) onSelect(parent);
      },
      ArrowDown: () => {
        const { children } = layout;
        const node = selected ?? layout.roots[0];
        if (node === undefined) return;
        let best = -1;
        for (let c = children.start[node] ?? 0; c < (children.end[node] ?? 0); c++) {
          const child = children.list[c] ?? -1;
          if (best < 0 || (layout.width[child] ?? 0) > (layout.width[best] ?? 0)) best = child;
        }
        onSelect(selected === null ? node : best >= 0 ? best : selected);
      },
    };
    const action = step[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  return (
    <div className="flame">
      <div className="flame-toolbar">
        <Icon name="search" />
        <input
          type="search"
          aria-label="Search frames"
          placeholder="Search functions or files"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <label
          className="checkbox"
          title="Leave V8's (idle), (program) and (garbage collector) time out of the view"
        >
          <input
            type="checkbox"
            checked={codeOnly}
            onChange={(e) => {
              const next = e.currentTarget.checked;
              setCodeOnly(next);
              setRange(next ? arranged.code : { x0: 0, x1: layout.extent });
            }}
          />{' '}
          Code only
        </label>
        <button type="button" onClick={reset} title="Reset zoom (Esc)">
          <Icon name="zoom-out" /> Reset
        </button>
        <span className="muted">
          showing {formatValue(range.x1 - range.x0, unit)} of {formatValue(layout.extent, unit)} · click to
          zoom, Ctrl+wheel zoom, drag to pan
        </span>
      </div>
      <div className="flame-canvas-wrap" ref={boxRef} onScroll={onScroll}>
        <canvas
          ref={canvas}
          tabIndex={0}
          role="img"
          aria-label={`Flame graph, ${model.nodes.count} nodes. Arrow keys pan and walk the selection, plus and minus zoom, Enter zooms to the selection, Escape resets.`}
          style={{ width: '100%', height: viewPx, position: 'sticky', top: 0 }}
          onKeyDown={onKey}
          onMouseDown={(e) => (drag.current = { startX: e.clientX, range, moved: false })}
          onMouseUp={(e) => {
            const d = drag.current;
            drag.current = null;
            if (d?.moved) return;
            const { rect } = at(e);
            if (rect && rect.merged === 1) focus(rect.nodeIndex);
          }}
          onMouseMove={(e) => {
            const d = drag.current;
            if (d && Math.abs(e.clientX - d.startX) > 3) {
              d.moved = true;
              setRange(panBy(d.range, layout.extent, -(e.clientX - d.startX) / Math.max(1, widthPx)));
            }
            const { x, y, rect } = at(e);
            setHover(rect ? { rect, x, y } : null);
          }}
          onMouseLeave={() => {
            drag.current = null;
            setHover(null);
          }}
        />
        {/* The rows below the canvas's height, to scroll through. */}
        <div style={{ height: heightPx - viewPx }} />
        {hover && (
          <FlameTooltip
            layout={layout}
            rect={hover.rect}
            x={hover.x}
            y={hover.y}
            widthPx={widthPx}
            note={delta && hover.rect.merged === 1 ? delta.noteOf(hover.rect.nodeIndex) : undefined}
          />
        )}
      </div>
    </div>
  );
}
