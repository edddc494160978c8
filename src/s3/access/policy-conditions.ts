/**
 * The Condition block of a bucket policy statement: operators, their ...IfExists and
 * ForAnyValue:/ForAllValues: forms, evaluated against the request's condition keys.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { wildcardMatches } from './wildcards';

/** The values of a condition key for this request (lower-case key), or undefined if absent. */
export type ConditionValues = (key: string) => readonly string[] | undefined;

type Test = (actual: string, expected: string) => boolean;

const number = (text: string) => (text.trim() === '' ? NaN : Number(text));
const date = (text: string) => (/^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text));
const compared = (parse: (text: string) => number, holds: (a: number, b: number) => boolean): Test => (actual, expected) => {
  const a = parse(actual);
  const b = parse(expected);
  return !Number.isNaN(a) && !Number.isNaN(b) && holds(a, b);
};

function inCidr(address: string, cidr: string): boolean {
  const [network, bits] = cidr.trim().split('/');
  const type = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : undefined;
  const ip = address.replace(/^::ffff:(?=\d+\.)/, '');
  const ipType = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : undefined;
  if (!type || type !== ipType) return false;
  const prefix = bits === undefined ? (type === 'ipv4' ? 32 : 128) : Number(bits);
  if (!Number.isInteger(prefix)) return false;
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list.check(ip, type);
}

/** Each positive operator; a negated one is `Not` of it, named in NEGATED. */
const OPERATORS: Record<string, Test> = {
  stringequals: (a, e) => a === e,
  stringequalsignorecase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  stringlike: (a, e) => wildcardMatches(e, a),
  numericequals: compared(number, (a, b) => a === b),
  numericlessthan: compared(number, (a, b) => a < b),
  numericlessthanequals: compared(number, (a, b) => a <= b),
  numericgreaterthan: compared(number, (a, b) => a > b),
  numericgreaterthanequals: compared(number, (a, b) => a >= b),
  dateequals: compared(date, (a, b) => a === b),
  datelessthan: compared(date, (a, b) => a < b),
  datelessthanequals: compared(date, (a, b) => a <= b),
  dategreaterthan: compared(date, (a, b) => a > b),
  dategreaterthanequals: compared(date, (a, b) => a >= b),
  bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
  ipaddress: (a, e) => inCidr(a, e),
  arnequals: (a, e) => a === e,
  arnlike: (a, e) => wildcardMatches(e, a),
  binaryequals: (a, e) => a === e,
};

const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  numericnotequals: 'numericequals',
  datenotequals: 'dateequals',
  notipaddress: 'ipaddress',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

interface Operator {
  test: Test | 'null';
  negated: boolean;
  ifExists: boolean;
  set?: 'any' | 'all';
}

/** Parses `ForAnyValue:StringLikeIfExists` and the like; undefined for an unknown operator. */
export function parseOperator(name: string): Operator | undefined {
  let rest = name.toLowerCase();
  let set: Operator['set'];
  if (rest.startsWith('foranyvalue:')) [set, rest] = ['any', rest.slice('foranyvalue:'.length)];
  else if (rest.startsWith('forallvalues:')) [set, rest] = ['all', rest.slice('forallvalues:'.length)];
  if (rest === 'null') return set ? undefined : { test: 'null', negated: false, ifExists: false };
  const ifExists = rest.endsWith('ifexists');
  if (ifExists) rest = rest.slice(0, -'ifexists'.length);
  const positive = NEGATED[rest] ?? rest;
  if (!Object.hasOwn(OPERATORS, positive)) return undefined;
  return { test: OPERATORS[positive], negated: positive !== rest, ifExists, set };
}

/** One operator's block: every key must hold (AND); a key holds if any policy value matches (OR). */
function operatorHolds(operator: Operator, block: Record<string, string[]>, values: ConditionValues): boolean {
  return Object.entries(block).every(([key, expected]) => {
    const actual = values(key.toLowerCase());
    if (operator.test === 'null') return expected.some((e) => (e.toLowerCase() === 'true') === (actual === undefined));
    const test = operator.test;
    const matches = (value: string) => expected.some((e) => test(value, e));
    if (actual === undefined || actual.length === 0) {
      if (operator.set === 'all') return true;
      return operator.ifExists || (operator.negated && operator.set === undefined);
    }
    // A set operator applies the operator to each value: ForAnyValue:StringNotEquals holds when one value is none of the policy's.
    const holds = (value: string) => (operator.negated ? !matches(value) : matches(value));
    if (operator.set === 'all') return actual.every(holds);
    if (operator.set === 'any') return actual.some(holds);
    return operator.negated ? !actual.some(matches) : actual.some(matches);
  });
}

/** A statement's Condition, operators already validated: all of them must hold. */
export function conditionsHold(condition: Record<string, Record<string, string[]>>, values: ConditionValues): boolean {
  return Object.entries(condition).every(([name, block]) => operatorHolds(parseOperator(name)!, block, values));
}
