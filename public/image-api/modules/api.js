/** The page's one request: the dashboard's JSON, from the API that served the page. */
export async function fetchDashboard(limit) {
  const response = await fetch(`/api/v1/dashboard?limit=${encodeURIComponent(limit)}`, {
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || problem.title || `HTTP ${response.status}`);
  }
  return response.json();
}
