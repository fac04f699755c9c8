import { useQuery } from '@tanstack/react-query';
import { unreadCountResponse } from '../../server/notifications/notifications.contract';
import { api } from '../platform/api';
import { useSession } from '../platform/session';

/** Every cached answer about notifications starts with this key: invalidated after each change. */
export const notificationsKey = ['notifications'] as const;

/** The unread count of the header badge: refreshed every minute and when the tab regains focus. */
export function useUnreadCount() {
  const { user } = useSession();
  return useQuery({
    queryKey: [...notificationsKey, 'unread', user?.id ?? null],
    queryFn: () => api.get('/api/notifications/unread-count', unreadCountResponse),
    enabled: !!user,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}
