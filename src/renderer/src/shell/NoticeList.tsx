import { Alert, Stack } from '@mantine/core';
import type { Notice } from '../../../shared/api';

const LEVEL_COLORS: Record<Notice['level'], string> = {
  info: 'blue',
  warning: 'yellow',
  error: 'red',
};

const LEVEL_TITLES: Record<Notice['level'], string> = {
  info: 'Note',
  warning: 'Warning',
  error: 'Problem',
};

export function NoticeList({
  notices,
  onDismiss,
}: {
  notices: Notice[];
  onDismiss: (id: string) => void;
}) {
  if (notices.length === 0) return null;
  return (
    <Stack gap="xs" mb="md" aria-label="Notices" role="region">
      {notices.map((notice) => (
        <Alert
          key={notice.id}
          color={LEVEL_COLORS[notice.level]}
          title={LEVEL_TITLES[notice.level]}
          withCloseButton
          closeButtonLabel="Dismiss notice"
          onClose={() => onDismiss(notice.id)}
          role={notice.level === 'info' ? 'status' : 'alert'}
        >
          {notice.message}
        </Alert>
      ))}
    </Stack>
  );
}
