// A table wider than a narrow window: it scrolls sideways inside its own box rather than widening
// the page, says so in words while it does, and can then be scrolled from the keyboard.
import { Box, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/** Whether the box's content is wider than the box, kept current as either is resized. */
function useOverflowsSideways(box: React.RefObject<HTMLDivElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [box]);
  return overflows;
}

export function WideTable({
  minWidth,
  label,
  children,
}: {
  /** Below this width the table scrolls rather than squeezing its columns. */
  minWidth: number;
  /** What the table is, for the scroll box's name ("Holdings"). */
  label: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const overflows = useOverflowsSideways(box);
  return (
    // A flex parent would otherwise size the box to the table's full width.
    <Box miw={0} maw="100%">
      {overflows && (
        <Text size="xs" c="dimmed" mb={4} aria-hidden>
          Scroll sideways for more columns →
        </Text>
      )}
      {/* While it scrolls it is focusable, so the keyboard can scroll it too. */}
      <Box
        ref={box}
        // Positioned, so what is absolutely placed inside (visually hidden labels) scrolls with it.
        style={{ overflowX: 'auto', maxWidth: '100%', position: 'relative' }}
        tabIndex={overflows ? 0 : undefined}
        role={overflows ? 'group' : undefined}
        aria-label={overflows ? `${label}, scrolls sideways` : undefined}
      >
        <Box miw={minWidth}>{children}</Box>
      </Box>
    </Box>
  );
}
