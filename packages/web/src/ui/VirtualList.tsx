import { useEffect, useRef, useState, type ReactNode } from 'react';
import { scrollToReveal, visibleRange } from './windowing.ts';

/**
 * A windowed list: only the rows in view (plus a few) are in the DOM, so a queue of thousands of
 * cases scrolls as smoothly as one of ten. Rows have one fixed height. Positions are set through
 * the CSSOM (React's `style` prop), which the strict CSP allows, unlike inline style attributes.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  label,
  activeIndex,
  renderRow,
  rowKey,
}: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  label: string;
  activeIndex: number;
  renderRow(item: T, index: number): ReactNode;
  rowKey(item: T): string;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const { start, end } = visibleRange({
    scrollTop,
    viewportHeight: height,
    rowHeight,
    count: items.length,
    overscan: 8,
  });

  useEffect(() => {
    const element = viewport.current;
    if (!element || activeIndex < 0) return;
    const target = scrollToReveal(activeIndex, element.scrollTop, height, rowHeight);
    if (target !== null) element.scrollTop = target;
  }, [activeIndex, height, rowHeight]);

  return (
    <div
      ref={viewport}
      className="virtual-list"
      style={{ height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul aria-label={label} className="virtual-list-body" style={{ height: items.length * rowHeight }}>
        {items.slice(start, end).map((item, offset) => {
          const index = start + offset;
          return (
            <li
              key={rowKey(item)}
              aria-setsize={items.length}
              aria-posinset={index + 1}
              className={index === activeIndex ? 'virtual-row is-active' : 'virtual-row'}
              style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
            >
              {renderRow(item, index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
