import { AsyncLocalStorage } from 'node:async_hooks';

/** An issuer's clock setting: shifted by an offset, and optionally stopped at one instant. */
export interface ClockSetting {
  offsetMs: number;
  /** The instant the clock stopped at (real ms since the epoch), or null while it runs. */
  frozenAtMs: number | null;
}

const current = new AsyncLocalStorage<ClockSetting>();
const realNow = Date.now.bind(Date);
let installed = false;

/** The time an issuer's clock shows for a setting, in ms since the epoch. */
export function timeOn(setting: ClockSetting, now = realNow()): number {
  return (setting.frozenAtMs ?? now) + setting.offsetMs;
}

/**
 * oidc-provider reads the time only through Date.now() (its epochTime), so an issuer's shifted or
 * frozen clock is applied by making Date.now() answer the issuer's time while that issuer's request
 * runs (AsyncLocalStorage keeps the setting across its awaits). Outside such a request Date.now()
 * is the real clock, so the other servers in the process are not affected.
 */
export function runOnClock<T>(setting: ClockSetting, work: () => T): T {
  if (!installed) {
    installed = true;
    Date.now = () => {
      const active = current.getStore();
      return active ? timeOn(active) : realNow();
    };
  }
  return current.run(setting, work);
}

/** The real time, whichever clock the caller runs on. */
export function realTime(): number {
  return realNow();
}
