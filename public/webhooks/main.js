// The webhook receiver's dashboard: stats, filters, the live event list, event detail (with
// resend), the forwarding queue, test events and client settings. Data comes from the JSON API;
// changes arrive over server-sent events.
import { byId } from '/shared/dom.js';
import { api } from './api.js';
import { setUpClientSettings } from './client-settings.js';
import { renderEventDetail, renderNoSelection } from './event-detail.js';
import { markSelected, renderEventList, renderListRefused } from './event-list.js';
import { filterParams, watchFilters } from './filters.js';
import { refreshForwardQueue } from './forward-queue.js';
import { connectLiveFeed } from './live-feed.js';
import { renderStats, renderSuggestions } from './stats-view.js';
import { setUpTestEvents } from './test-event-panel.js';

const PAGE_SIZE = 50;
/** Bursts of deliveries are folded into one refresh at most this often. */
const REFRESH_EVERY_MS = 250;

const filtersForm = byId('filters');
const list = { body: byId('events-body'), empty: byId('events-empty'), refused: byId('events-refused'), count: byId('events-count'), loadMore: byId('load-more') };
const detail = byId('detail');
let selectedId = null;
/** The client of the event shown, so a deletion of that client's events is known to remove it. */
let selectedClient = null;
let nextCursor = null;

/** One page of events under the current filters, or null once the list says why it was refused. */
async function eventsPage(params) {
  params.set('limit', String(PAGE_SIZE));
  try {
    return await api.listEvents(params);
  } catch (error) {
    renderListRefused(list, error);
    return null;
  }
}

async function refreshEvents() {
  const params = filterParams(filtersForm);
  const page = await eventsPage(params);
  if (!page) return;
  nextCursor = page.next_cursor;
  renderEventList(list, page, { append: false, selectedId, onSelect: select });
  const exportParams = filterParams(filtersForm).toString();
  byId('export-link').href = `/webhooks/events/export${exportParams ? `?${exportParams}` : ''}`;
  const client = params.get('client_id');
  byId('delete-events').textContent = client ? `Delete ${client}'s events` : 'Delete all';
}

async function loadMore() {
  const params = filterParams(filtersForm);
  params.set('cursor', nextCursor);
  const page = await eventsPage(params);
  if (!page) return;
  nextCursor = page.next_cursor;
  renderEventList(list, page, { append: true, selectedId, onSelect: select });
}

async function refreshStats() {
  const stats = await api.stats();
  renderStats(byId('stats'), stats);
  renderSuggestions(byId('known-clients'), Object.keys(stats.client_stats));
  renderSuggestions(byId('known-types'), Object.keys(stats.event_type_distribution));
}

async function showDetail() {
  if (selectedId === null) return;
  try {
    const event = await api.getEvent(selectedId);
    selectedClient = event.client_id;
    renderEventDetail(detail, event, { onReplay: replay, onResend: resend, onDelete: deleteOne });
  } catch {
    selectionGone();
  }
}

function selectionGone() {
  selectedId = null;
  renderNoSelection(detail, 'That event was deleted.');
}

async function select(eventId) {
  selectedId = eventId;
  markSelected(list.body, eventId);
  await showDetail();
}

async function replay(eventId, targetUrl, includeSignature) {
  try {
    const result = await api.replay(eventId, targetUrl, includeSignature);
    return `answered ${result.response_status} in ${result.latency_ms} ms`;
  } catch (error) {
    return error.message;
  }
}

async function resend(eventId, request) {
  try {
    const attempt = await api.resend(eventId, request);
    return `answered ${attempt.response_status} in ${attempt.latency_ms} ms`;
  } catch (error) {
    return error.message;
  }
}

async function deleteOne(eventId) {
  await api.deleteEvent(eventId);
  selectedId = null;
  renderNoSelection(detail, 'Event deleted.');
}

/** Coalesces bursts: one run per window, and one more if asked again while it ran. */
function throttled(task) {
  let scheduled = false;
  let again = false;
  const run = async () => {
    try {
      await task();
    } finally {
      scheduled = false;
      if (again) schedule();
    }
  };
  function schedule() {
    if (scheduled) {
      again = true;
      return;
    }
    scheduled = true;
    again = false;
    setTimeout(run, REFRESH_EVERY_MS);
  }
  return schedule;
}

const forwardQueue = { counts: byId('forward-counts'), list: byId('forward-queue') };
const refreshAll = throttled(() => Promise.all([refreshEvents(), refreshStats(), refreshForwardQueue(forwardQueue)]));

watchFilters(filtersForm, refreshEvents);
list.loadMore.addEventListener('click', loadMore);
byId('delete-events').addEventListener('click', async () => {
  const client = filterParams(filtersForm).get('client_id');
  if (!window.confirm(client ? `Delete every event of ${client}?` : 'Delete every event?')) return;
  await api.deleteEvents(client);
});

const refreshClients = setUpClientSettings({ form: byId('client-form'), chips: byId('configured-clients'), message: byId('client-message') });

connectLiveFeed(byId('live-status'), (type, data) => {
  refreshAll();
  if (selectedId === null) return;
  // A deletion says what it removed: asking for the event shown would only find it gone (a 404 in the console).
  const removesSelection = type === 'deleted'
    && (data.event_id === selectedId || (data.event_id === null && (data.client_id === null || data.client_id === selectedClient)));
  if (removesSelection) return selectionGone();
  if (type === 'replay' || type === 'duplicate' || (type === 'forward' && data.event_id === selectedId)) showDetail();
}, refreshAll);

refreshEvents();
refreshStats();
refreshClients();
refreshForwardQueue(forwardQueue);
setUpTestEvents({ form: byId('trigger-form'), result: byId('trigger-result') });
