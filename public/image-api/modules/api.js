/** The page's one request: the dashboard's JSON, from the API that served the page. */
import { requestJson } from '/shared/api.js';

export function fetchDashboard(limit) {
  return requestJson(`/api/v1/dashboard?limit=${encodeURIComponent(limit)}`);
}
