import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isLocalhostName } from '../kit/loopback-host';

const LOOPBACK = [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];

/**
 * Resolves a name under `localhost` to the loopback addresses without asking DNS, as RFC 6761
 * §6.3 says resolvers should and browsers do: the replay target policy lets such a name through
 * as this machine, so no DNS answer may send a signed replay to another host. Any other name,
 * `localhost` itself included (the hosts file's), resolves as usual.
 */
export const localhostLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname.toLowerCase() === 'localhost' || !isLocalhostName(hostname)) {
    dns.lookup(hostname, options, callback);
    return;
  }
  const addresses = LOOPBACK.filter(({ family }) => !options.family || options.family === family);
  if (options.all) callback(null, addresses);
  else callback(null, addresses[0].address, addresses[0].family);
};
