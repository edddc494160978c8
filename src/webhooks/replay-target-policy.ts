import { InvalidReplayTargetError, ReplayTargetNotAllowedError } from './errors';
import { isLoopbackHost } from '../kit/loopback-host';

/**
 * Where replays may go. A replay re-sends stored bodies with valid signatures, so by default
 * it only reaches this machine (loopback) and the hosts named in WEBHOOK_REPLAY_ALLOW
 * (`host`, `*.domain` for its subdomains, or `*` for any host).
 */
export class ReplayTargetPolicy {
  private readonly allow: string[];

  constructor(allow: readonly string[]) {
    this.allow = allow.map((entry) => entry.toLowerCase());
  }

  /** The parsed target, or a typed error saying why it is refused. */
  check(target: string): URL {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new InvalidReplayTargetError(`target_url is not an absolute URL: "${target}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InvalidReplayTargetError(`target_url must be http or https, not ${url.protocol.replace(/:$/, '')}`);
    }
    if (url.username || url.password) throw new InvalidReplayTargetError('target_url must not carry credentials');
    // node:http reads port 0 as none and connects to 80 (443): another server than the one named.
    if (url.port === '0') throw new InvalidReplayTargetError('target_url names port 0, where no server listens');
    if (!this.allows(url.hostname)) throw new ReplayTargetNotAllowedError(url.hostname);
    return url;
  }

  private allows(hostname: string): boolean {
    const host = hostname.toLowerCase();
    if (isLoopbackHost(host)) return true;
    return this.allow.some((entry) =>
      entry === '*' || entry === host || (entry.startsWith('*.') && host.endsWith(entry.slice(1))));
  }
}
