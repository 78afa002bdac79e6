/** The flame graph's tooltip: the hovered frame, its total and self value, or how many small frames merged. */
import type { FlameLayout } from '../../core/profile/flame-layout';
import type { FlameRect } from '../../core/profile/flame-view-model';
import { formatValue } from '../../core/profile/format-value';
import { formatFrame } from '../../core/frame';

export function FlameTooltip(props: {
  layout: FlameLayout;
  rect: FlameRect;
  /** Pointer position in the canvas, px. */
  x: number;
  y: number;
  /** Canvas width, px: the tooltip stays inside it. */
  widthPx: number;
  /** An extra line, e.g. how the node changed against a base. */
  note?: string;
}) {
  const { layout, rect } = props;
  const { model } = layout;
  const unit = model.valueTypes[layout.valueIndex]?.unit ?? '';
  const frame = model.frames[model.nodes.frame[rect.nodeIndex] ?? -1];
  const total = layout.extent || 1;
  const selfValues = model.nodes.self[layout.valueIndex];
  return (
    <div
      className="flame-tooltip"
      style={{ left: Math.min(props.x + 14, Math.max(0, props.widthPx - 340)), top: props.y + 16 }}
      role="tooltip"
    >
      {rect.merged > 1 || !frame ? (
        <span>{rect.merged} small frames — zoom in to see them</span>
      ) : (
        <>
          <strong>{rect.label}</strong>
          <code>{formatFrame(frame)}</code>
          <span>
            total {formatValue(layout.width[rect.nodeIndex] ?? 0, unit)} (
            {(((layout.width[rect.nodeIndex] ?? 0) / total) * 100).toFixed(1)}%) · self{' '}
            {formatValue(selfValues?.[rect.nodeIndex] ?? 0, unit)}
          </span>
          {props.note && <span>{props.note}</span>}
        </>
      )}
    </div>
  );
}
