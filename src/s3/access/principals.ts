/**
 * Who a request comes from, as AWS sees it for one account (docs/ARCHITECTURE.md, "S3 access
 * control"). Every key of S3_CREDENTIALS is the root user of the mock's account (S3_ACCOUNT_ID),
 * whose canonical user is OWNER, unless S3_PRINCIPALS maps it to another identity: an IAM user of
 * the same account (the same canonical user, matched by its ARN in bucket policies), or the root
 * of another account, with a canonical user of its own whose access ACLs and policies decide.
 * Unsigned requests are anonymous.
 */
import { createHash } from 'node:crypto';
import { OWNER } from '../documents/owner';

export interface Principal {
  /** 'anonymous' for unsigned requests. */
  kind: 'user' | 'anonymous';
  /** arn:aws:iam::<account>:root or :user/<name>; '*' for anonymous. */
  arn: string;
  accountId: string;
  /** The canonical user that owns what this principal creates. */
  canonicalId: string;
  displayName?: string;
}

/** AWS's canonical id of anonymous requests (objects they write show it as owner). */
export const ANONYMOUS_CANONICAL_ID = '65a011a29cdf8ec533ec3d1ccaae921c';

export const ANONYMOUS: Principal = { kind: 'anonymous', arn: '*', accountId: '', canonicalId: ANONYMOUS_CANONICAL_ID };

/** One S3_PRINCIPALS entry: what an access key stands for. */
export interface PrincipalSetting {
  arn: string;
  /** Canonical user id (64 hex digits on AWS); derived from the account when absent. */
  id?: string;
  displayName?: string;
}

export type PrincipalSettings = ReadonlyMap<string, PrincipalSetting>;

const IAM_ARN = /^arn:aws:iam::(\d{12}):(root|user\/[\w+=,.@/-]+)$/;

const SETTING_FIELDS = new Set(['arn', 'id', 'displayName']);

/** Why a field is not one of a principal's, said so that a typo or a field S3 dropped is not silently ignored. */
function unknownFieldProblem(accessKey: string, field: string): string {
  if (field === 'email') return `${accessKey}: "email" is no longer read: S3 takes no e-mail grantees since October 2025 (README, "S3 mock: access control"); remove it`;
  return `${accessKey}: "${field}" is no field of a principal (arn, id, displayName)`;
}

/** S3_PRINCIPALS: a JSON object from access key to {arn, id?, displayName?}. */
export function parsePrincipalSettings(text: string): PrincipalSettings {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error('expected a JSON object such as {"alt-key":{"arn":"arn:aws:iam::111122223333:root"}}');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new Error('expected a JSON object keyed by access key');
  const settings = new Map<string, PrincipalSetting>();
  for (const [accessKey, value] of Object.entries(document)) {
    const setting = value as Partial<PrincipalSetting> | null;
    if (typeof setting?.arn !== 'string' || !IAM_ARN.test(setting.arn)) {
      throw new Error(`${accessKey}: "arn" must be arn:aws:iam::<12 digits>:root or :user/<name>`);
    }
    const unknown = Object.keys(setting).find((field) => !SETTING_FIELDS.has(field));
    if (unknown !== undefined) throw new Error(unknownFieldProblem(accessKey, unknown));
    for (const name of ['id', 'displayName'] as const) {
      if (setting[name] !== undefined && (typeof setting[name] !== 'string' || setting[name] === '')) throw new Error(`${accessKey}: "${name}" must be a non-empty string`);
    }
    settings.set(accessKey, { arn: setting.arn, id: setting.id, displayName: setting.displayName });
  }
  return settings;
}

/** The identities of the configured keys, looked up by access key or canonical id. */
export class PrincipalDirectory {
  private readonly byKey = new Map<string, Principal>();
  readonly owner: Principal;

  constructor(
    readonly accountId: string,
    accessKeys: Iterable<string>,
    settings: PrincipalSettings = new Map(),
  ) {
    this.owner = { kind: 'user', arn: `arn:aws:iam::${accountId}:root`, accountId, canonicalId: OWNER.ID, displayName: OWNER.DisplayName };
    for (const key of accessKeys) {
      const setting = settings.get(key);
      this.byKey.set(key, setting ? this.principalOf(setting) : this.owner);
    }
  }

  private principalOf(setting: PrincipalSetting): Principal {
    const [, accountId] = IAM_ARN.exec(setting.arn)!;
    if (accountId === this.accountId) return { ...this.owner, arn: setting.arn };
    const canonicalId = setting.id ?? createHash('sha256').update(`standin-account:${accountId}`).digest('hex');
    return { kind: 'user', arn: setting.arn, accountId, canonicalId, displayName: setting.displayName ?? accountId };
  }

  ofAccessKey(accessKeyId: string): Principal {
    return this.byKey.get(accessKeyId) ?? this.owner;
  }

  /** The known canonical users: the owner first, then each other account once. */
  accounts(): Principal[] {
    const accounts = new Map<string, Principal>([[this.owner.canonicalId, this.owner]]);
    for (const principal of this.byKey.values()) if (!accounts.has(principal.canonicalId)) accounts.set(principal.canonicalId, principal);
    return [...accounts.values()];
  }

  /**
   * The Initiator element of a multipart upload: the one place S3 still names a user
   * (DisplayName). Owner and Grantee elements carry the ID alone since November 2025 (S3's
   * end-of-support notice on DisplayName, docs/ARCHITECTURE.md, "S3 access control").
   */
  initiator(canonicalId: string): { ID: string; DisplayName?: string } {
    return { ID: canonicalId, DisplayName: this.byCanonicalId(canonicalId)?.displayName };
  }

  byCanonicalId(canonicalId: string): Principal | undefined {
    return this.accounts().find((account) => account.canonicalId === canonicalId);
  }
}
