/** Object change events: the in-process feed and the types the store records them with. */
export { ChangeFeed, type ChangeListener } from './change-feed';
export { ChangeJournal } from './change-journal';
export * from './object-change';
export { requestOrigin } from './request-origin';
