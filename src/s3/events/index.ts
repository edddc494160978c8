/**
 * S3 object change events (docs/ARCHITECTURE.md, "S3 event notifications"): the in-process feed,
 * the journal the store records changes with, notification configurations, the durable outbox
 * and its delivery.
 */
export { ChangeFeed, type ChangeListener } from './change-feed';
export { ChangeJournal, type NotifyingBucket } from './change-journal';
export * from './destinations';
export * from './event-messages';
export * from './notification-configuration';
export * from './notification-outbox';
export * from './object-change';
export { requestOrigin } from './request-origin';
export { NotificationDelivery, type DeliverySettings } from './notification-delivery';
