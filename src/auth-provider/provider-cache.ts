import type Provider from 'oidc-provider';

interface Entry {
  provider: Provider;
  version: number;
  /** When the instance must be rebuilt regardless (a retired key leaves the JWKS), in ms. */
  staleAt: number;
}

const MAX_ENTRIES = 64;

/**
 * Built oidc-provider instances by issuer URL. An issuer's version goes up whenever something an
 * instance is built from changes (keys, users' and clients' claim names), so the next request
 * builds a fresh one; the oldest instance goes when more than MAX_ENTRIES URLs were used.
 */
export class ProviderCache {
  private readonly entries = new Map<string, Entry>();
  private readonly versions = new Map<string, number>();

  get(issuerUrl: string, issuerId: string, build: () => { provider: Provider; staleAt: number }): Provider {
    const version = this.versions.get(issuerId) ?? 0;
    const found = this.entries.get(issuerUrl);
    if (found && found.version === version && found.staleAt > Date.now()) return found.provider;
    const { provider, staleAt } = build();
    this.entries.delete(issuerUrl);
    this.entries.set(issuerUrl, { provider, version, staleAt });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return provider;
  }

  invalidate(issuerId: string): void {
    this.versions.set(issuerId, (this.versions.get(issuerId) ?? 0) + 1);
  }
}
