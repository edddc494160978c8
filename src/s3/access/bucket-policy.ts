/**
 * Bucket policies, enforced: validation as S3 answers a bad one (MalformedPolicy), evaluation of
 * a request against the statements (an explicit Deny wins over any Allow), and whether a policy
 * is public in Block Public Access's sense.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
import { S3Error } from '../errors';
import { ACTION_RESOURCE_KINDS } from './iam-actions';
import { conditionsHold, parseOperator, type ConditionValues } from './policy-conditions';
import type { Principal } from './principals';
import { namesS3Action } from './s3-action-names';
import { wildcardMatches } from './wildcards';

type PrincipalMatcher = '*' | { aws: string[]; canonicalUser: string[] };

interface Statement {
  effect: 'Allow' | 'Deny';
  principal?: PrincipalMatcher;
  notPrincipal?: PrincipalMatcher;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  condition: Record<string, Record<string, string[]>>;
}

export interface BucketPolicy {
  statements: Statement[];
  /** A condition names s3:ExistingObjectTag/<key>: the object's tags must be read first. */
  usesExistingObjectTags: boolean;
  /** A condition names s3:RequestObjectTag/<key> or s3:RequestObjectTagKeys: a PutObjectTagging body must be read first. */
  usesRequestObjectTags: boolean;
}

/** What a statement is matched against. */
export interface PolicyRequest {
  principal: Principal;
  action: string;
  /** arn:aws:s3:::bucket or arn:aws:s3:::bucket/key. */
  resource: string;
  values: ConditionValues;
}

export type PolicyDecision = 'Allow' | 'Deny' | 'None';

const malformed = (message: string) => new S3Error('MalformedPolicy', message);

/** A value or a list of them; an empty list, or one holding an object, is malformed in the words of its field. */
function strings(value: unknown, invalid: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((item) => typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')) {
    throw malformed(invalid);
  }
  return list.map(String);
}

function principalOf(value: unknown): PrincipalMatcher {
  if (value === '*') return '*';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('Invalid principal in policy');
  const matcher = { aws: [] as string[], canonicalUser: [] as string[] };
  for (const [kind, ids] of Object.entries(value)) {
    if (kind === 'AWS') matcher.aws.push(...strings(ids, 'Invalid principal in policy'));
    else if (kind === 'CanonicalUser') matcher.canonicalUser.push(...strings(ids, 'Invalid principal in policy'));
    else if (kind !== 'Service' && kind !== 'Federated') throw malformed('Invalid principal in policy');
  }
  return matcher;
}

const ACTION = /^(\*|s3:[A-Za-z*?]+)$/i;

function actionsOf(value: unknown): string[] {
  const actions = strings(value, 'Policy has invalid action');
  if (actions.some((action) => !ACTION.test(action))) throw malformed('Policy has invalid action');
  return actions;
}

/** A resource must be in S3 and, once wildcards are read as anything, may name this bucket. */
function resourcesOf(value: unknown, bucket: string): string[] {
  const resources = strings(value, 'Policy has invalid resource');
  for (const resource of resources) {
    const name = resource.startsWith('arn:aws:s3:::') ? resource.slice('arn:aws:s3:::'.length).split('/')[0] : undefined;
    if (resource !== '*' && (name === undefined || !wildcardMatches(name, bucket))) throw malformed('Policy has invalid resource');
  }
  return resources;
}

function conditionOf(value: unknown): Statement['condition'] {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('Invalid Condition block');
  const condition: Statement['condition'] = {};
  for (const [operator, block] of Object.entries(value)) {
    if (!parseOperator(operator)) throw malformed(`Invalid Condition type : ${operator}`);
    if (typeof block !== 'object' || block === null || Array.isArray(block)) throw malformed(`Invalid Condition block for ${operator}`);
    condition[operator] = Object.fromEntries(Object.entries(block).map(([key, values]) => [key, strings(values, 'Invalid value in Condition')]));
  }
  return condition;
}

/** One of the two forms (Action/NotAction...) and not both. */
function either<T>(raw: Record<string, unknown>, field: string, parse: (value: unknown) => T): { plain?: T; not?: T } {
  const plain = raw[field];
  const not = raw[`Not${field}`];
  if (plain === undefined && not === undefined) throw malformed(`Missing required field ${field}`);
  if (plain !== undefined && not !== undefined) throw malformed(`Statement cannot have both ${field} and Not${field}`);
  return plain !== undefined ? { plain: parse(plain) } : { not: parse(not) };
}

function statementOf(raw: unknown, bucket: string): Statement {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw malformed('Invalid format of Statement');
  const fields = raw as Record<string, unknown>;
  const effect = fields.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') throw malformed(`Invalid effect: ${String(effect)}`);
  const principal = either(fields, 'Principal', principalOf);
  if (effect === 'Allow' && principal.not) throw malformed('NotPrincipal is only valid with an explicit Deny');
  const action = either(fields, 'Action', actionsOf);
  const resource = either(fields, 'Resource', (value) => resourcesOf(value, bucket));
  return {
    effect,
    principal: principal.plain,
    notPrincipal: principal.not,
    action: action.plain,
    notAction: action.not,
    resource: resource.plain,
    notResource: resource.not,
    condition: conditionOf(fields.Condition),
  };
}

/** Parses a policy as S3 reads one (PutBucketPolicy then asks assertPolicyAccepted); the text is stored as sent and parsed again when read from storage. */
export function parseBucketPolicy(text: string, bucket: string): BucketPolicy {
  // S3 words a document that is no object ("Policies must be valid JSON and the first byte must be '{'") apart from one that opens as an object and does not parse.
  if (!text.trimStart().startsWith('{')) throw new S3Error('MalformedPolicy');
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  const { Version: version, Statement: statement } = document;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') throw malformed('The policy must contain a valid version string');
  if (statement === undefined) throw malformed('Missing required field Statement');
  const statements = Array.isArray(statement) ? statement : [statement];
  if (statements.length === 0) throw malformed('Could not parse the policy: Statement is empty!');
  const parsed = statements.map((raw) => statementOf(raw, bucket));
  const conditionKeys = parsed.flatMap((statement) => Object.values(statement.condition).flatMap((block) => Object.keys(block).map((key) => key.toLowerCase())));
  return {
    statements: parsed,
    usesExistingObjectTags: conditionKeys.some((key) => key.startsWith('s3:existingobjecttag/')),
    usesRequestObjectTags: conditionKeys.some((key) => key.startsWith('s3:requestobjecttag/') || key === 's3:requestobjecttagkeys'),
  };
}

/**
 * PutBucketPolicy's checks beyond parsing, which a policy stored before the mock made them need
 * not pass (it is parsed again, without them, each time it is read):
 * - each AWS principal is everyone, an account id, or an IAM or STS ARN;
 * - each action (or NotAction) names an action S3 defines, a wildcard at least one (s3:GetObjectz
 *   and s3:Foo* name none);
 * - each action applies to a resource of its statement (s3:ListBucket to the bucket, s3:GetObject
 *   to objects); an S3 action the mock does not serve is taken.
 */
export function assertPolicyAccepted(policy: BucketPolicy): void {
  for (const statement of policy.statements) {
    const matcher = statement.principal ?? statement.notPrincipal!;
    if (matcher !== '*' && matcher.aws.some((id) => !/^(\*|\d{12}|arn:aws[a-z-]*:(iam|sts)::\d{12}:.+)$/.test(id))) throw malformed('Invalid principal in policy');
    if (!(statement.action ?? statement.notAction!).every(namesS3Action)) throw malformed('Policy has invalid action');
    if (statement.action && statement.resource) assertActionsApply(statement.action, statement.resource);
  }
}

/** What a Resource may name: the bucket (no `/`), its objects (a `/`), or either (`*`, or a wildcard in the bucket's name). */
function resourceKinds(resource: string): Array<'bucket' | 'object'> {
  const path = resource === '*' ? '*' : resource.slice('arn:aws:s3:::'.length);
  if (path.includes('/')) return ['object'];
  return /[*?]/.test(path) ? ['bucket', 'object'] : ['bucket'];
}

function assertActionsApply(actions: string[], resources: string[]): void {
  const named = new Set(resources.flatMap(resourceKinds));
  for (const action of actions) {
    const kinds = [...ACTION_RESOURCE_KINDS].filter(([known]) => wildcardMatches(action, known, true)).map(([, kind]) => kind);
    if (kinds.length > 0 && !kinds.some((kind) => named.has(kind))) throw malformed('Action does not apply to any resource(s) in statement');
  }
}

/** `*`, an account id, an account's root ARN or a user ARN, or a canonical user. */
function principalMatches(matcher: PrincipalMatcher, principal: Principal): boolean {
  if (matcher === '*') return true;
  if (principal.kind === 'anonymous') return matcher.aws.includes('*') || matcher.canonicalUser.includes('*');
  const accountRoot = `arn:aws:iam::${principal.accountId}:root`;
  return (
    matcher.aws.some((id) => id === '*' || id === principal.accountId || id === accountRoot || wildcardMatches(id, principal.arn)) ||
    matcher.canonicalUser.some((id) => id === '*' || id === principal.canonicalId)
  );
}

function statementApplies(statement: Statement, request: PolicyRequest): boolean {
  const principalOk = statement.principal ? principalMatches(statement.principal, request.principal) : !principalMatches(statement.notPrincipal!, request.principal);
  const actionIn = (actions: string[]) => actions.some((action) => wildcardMatches(action, request.action, true));
  const actionOk = statement.action ? actionIn(statement.action) : !actionIn(statement.notAction!);
  const resourceIn = (resources: string[]) => resources.some((resource) => wildcardMatches(resource, request.resource));
  const resourceOk = statement.resource ? resourceIn(statement.resource) : !resourceIn(statement.notResource!);
  return principalOk && actionOk && resourceOk && conditionsHold(statement.condition, request.values);
}

/** Deny if any matching statement denies; Allow if one allows; None otherwise. */
export function evaluatePolicy(policy: BucketPolicy, request: PolicyRequest, options: { skipPublicAllows?: boolean } = {}): PolicyDecision {
  let decision: PolicyDecision = 'None';
  for (const statement of policy.statements) {
    if (!statementApplies(statement, request)) continue;
    if (statement.effect === 'Deny') return 'Deny';
    if (!(options.skipPublicAllows && isPublicStatement(statement))) decision = 'Allow';
  }
  return decision;
}

/** Condition keys that pin an Allow to known callers, making it non-public (the BPA page's list). */
const FIXING_KEYS = new Set([
  'aws:sourceip', 'aws:sourcearn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceowner', 'aws:sourceaccount',
  'aws:principalarn', 'aws:principalaccount', 'aws:principalorgid', 'aws:userid', 's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn', 's3:dataaccesspointaccount',
]);

const OPEN_VALUES = new Set(['0.0.0.0/0', '::/0']);

function isPublicStatement(statement: Statement): boolean {
  if (statement.effect !== 'Allow') return false;
  const wildcard = statement.principal === '*' || (statement.principal !== undefined && statement.principal.aws.concat(statement.principal.canonicalUser).some((id) => id.includes('*')));
  if (!wildcard) return false;
  const pinned = Object.entries(statement.condition).some(([name, block]) => {
    const operator = parseOperator(name)!;
    if (operator.negated || operator.ifExists) return false;
    return Object.entries(block).some(([key, values]) => FIXING_KEYS.has(key.toLowerCase()) && values.every((value) => !value.includes('*') && !OPEN_VALUES.has(value)));
  });
  return !pinned;
}

export function isPublicPolicy(policy: BucketPolicy): boolean {
  return policy.statements.some(isPublicStatement);
}
