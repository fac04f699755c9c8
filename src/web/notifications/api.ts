import { useQuery } from '@tanstack/react-query';
import type { unreadCountResponse } from '../../server/notifications/notifications.contract';
import { api } from '../platform/api';
import { useSession } from '../platform/session';

/** Every cached answer about notifications starts with this key: invalidated after each change. */
export const notificationsKey = ['notifications'] as const;

// The header asks for the count on every page: its contract is loaded in development only (session.ts).
const unreadCountContract = import.meta.env?.DEV
  ? () => import('../../server/notifications/notifications.contract').then((m) => m.unreadCountResponse)
  : undefined;

/** The unread count of the header badge: refreshed every minute and when the tab regains focus. */
export function useUnreadCount() {
  const { user } = useSession();
  return useQuery({
    queryKey: [...notificationsKey, 'unread', user?.id ?? null],
    queryFn: () => api.get('/api/notifications/unread-count', unreadCountContract),
    enabled: !!user,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}
