// `@caretracker/ui/notifications`: the one notifications screen of the apps (each app says where a
// notification leads), over the notifications API; live `notification.new` events refresh it.
export {
  useMarkNotificationsRead,
  useNotifications,
  useUnreadNotificationCount,
} from './notifications-data';
export { type NotificationHref, NotificationsScreen, type NotificationsScreenProps } from './notifications-screen';
