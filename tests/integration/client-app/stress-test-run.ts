/** Runs a stress test through the client app's JSON API and returns its report, after checking it ran. */
export async function stressTestReport(clientUrl: string, request: { user_id: string; count: number; concurrency: number }): Promise<unknown> {
  const res = await fetch(`${clientUrl}/api/stress-test`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(res.status).toBe(200);
  return res.json();
}
