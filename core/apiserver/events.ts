// The Events the API server serves: core/cluster/event-log.ts folds them (the built-in kubectl
// describes the same objects).
export { EVENT_TTL_MS, EventLog, MAX_EVENTS } from '../cluster/event-log';
