// The S3 bench's table: one row per metric, a column per server (medians over the rounds), the
// goal, the ratios it is judged by, and whether it is met. A ratio is the median of each round's
// ratio: the servers of one round run next to each other, so a machine that speeds up or slows
// down during a measurement (page-cache writeback, a busy neighbour on a VM) moves them together,
// where a ratio of medians would set one round's server against another round's.

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const shown = (value) => (value === undefined ? '–' : value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(3));

/**
 * Goals, as in the issue: higher-is-better throughput at least 2x s3rver and 0.8x the bare
 * server; listing at least 5x faster than s3rver; big transfers at least 0.8x bare; the mock's
 * peak RSS under 200 MB. The server's CPU per request is shown beside the throughput it explains,
 * as the mock's cost relative to each peer's, with no goal of its own; so is what the load
 * generator spent per request ('info'), which shows when the client rather than the server sets
 * the pace.
 */
const GOALS = {
  ops: {
    text: '≥ 2× s3rver, ≥ 0.8× bare',
    check: (m, s, b) => [['vs s3rver', m / s, 2], ['vs bare', m / b, 0.8]],
    // Where s3rver already does more than half what the bare ceiling does, nothing reaches 2× it.
    unreachable: (_m, s, b) => (2 * s > b ? '2× s3rver is above the bare ceiling' : undefined),
  },
  list: { text: '≥ 5× faster than s3rver', check: (m, s) => [['vs s3rver', s / m, 5]] },
  bulk: { text: '≥ 0.8× bare', check: (m, _s, b) => [['vs bare', m / b, 0.8]] },
  rss: { text: '< 200 MB', check: (m) => [['MB', m, 200, 'below']] },
  cpu: { text: '–', check: (m, s, b) => [['of s3rver’s', m / s], ['of bare’s', m / b]] },
  info: { text: '–', check: () => [] },
};

/** The goal's checks, each value the median over the rounds of that round's value. */
function checksOverRounds(goal, rounds) {
  const perRound = rounds.standin.map((_, i) => goal.check(rounds.standin[i], rounds.s3rver[i], rounds.bare[i]));
  return perRound[0].map(([name, , limit, way], k) => [name, median(perRound.map((checks) => checks[k][1])), limit, way]);
}

/**
 * rows: [{ metric, goal: 'ops'|'list'|'bulk'|'rss'|'cpu'|'info', values: { standin, s3rver, bare },
 * rounds: { standin: [...], s3rver: [...], bare: [...] } }]: the medians, and each round's value.
 */
export function goalTable(rows) {
  return rows.map(({ metric, goal, values, rounds }) => {
    const checks = checksOverRounds(GOALS[goal], rounds);
    const judged = checks.filter(([, , limit]) => limit !== undefined);
    const met = judged.every(([, value, limit, way]) => (way === 'below' ? value < limit : value >= limit));
    return {
      metric,
      s3rver: shown(values.s3rver),
      'bare node:http': shown(values.bare),
      standin: shown(values.standin),
      goal: GOALS[goal].text,
      ratios: checks.filter(([, , , way]) => way !== 'below').map(([name, value]) => `${value.toFixed(2)}× ${name}`).join(', ') || '–',
      met: judged.length === 0 ? '–' : met ? 'yes' : ['NO', GOALS[goal].unreachable?.(values.standin, values.s3rver, values.bare)].filter(Boolean).join(': '),
    };
  });
}
