import { randomBytes } from 'node:crypto';
import type { HeaderPairs } from '../outbound-request';

/**
 * This receiver as one hop of a forward: the Via field it adds to what it forwards (RFC 9110
 * §7.6.3, whose uses include "avoiding request loops"), named by a pseudonym of its own. A
 * delivery that arrives carrying it is one of this receiver's forwards come back (a forward URL
 * pointing at the receiver itself, or at a receiver that forwards back here): forwarding it again
 * would loop for ever, so it is stored but not forwarded.
 */
export class ForwardingHop {
  private readonly pseudonym = `standin-${randomBytes(6).toString('hex')}`;

  /** The Via field line a forward carries, after those the delivery arrived with. */
  get via(): [string, string] {
    return ['Via', `1.1 ${this.pseudonym}`];
  }

  /** Whether a delivery's Via fields (each a comma-separated list of hops) name this receiver. */
  forwardedHere(headers: HeaderPairs): boolean {
    return headers.some(([name, value]) => name.toLowerCase() === 'via' &&
      value.split(',').some((hop) => hop.trim().split(/[ \t]+/)[1] === this.pseudonym));
  }
}
