// The mark on figures that may no longer be the host's: its reason shows on hover and is read out.
import { Badge, Tooltip, VisuallyHidden, type BadgeProps } from '@mantine/core';

export function NotCurrentBadge({ reason, ...props }: { reason: string } & BadgeProps) {
  return (
    <Tooltip label={reason}>
      <Badge color="gray" variant="outline" data-testid="not-current" {...props}>
        Not current
        <VisuallyHidden>: {reason}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}
