import { S3Error } from './errors';
import { queryValue, type QueryPairs } from './http-request';

/** The partNumber query parameter: an integer from 1 to 10000 (S3's part limit). */
export function partNumberParam(query: QueryPairs): number | undefined {
  const text = queryValue(query, 'partNumber');
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', { ArgumentName: 'partNumber', ArgumentValue: text });
  }
  return Number(text);
}

export function requiredPartNumber(query: QueryPairs): number {
  const partNumber = partNumberParam(query);
  if (partNumber === undefined) throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', { ArgumentName: 'partNumber', ArgumentValue: '' });
  return partNumber;
}

/** An optional non-negative integer query parameter (max-parts, part-number-marker, max-uploads). */
export function integerParam(query: QueryPairs, name: string): number | undefined {
  const text = queryValue(query, name);
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new S3Error('InvalidArgument', `${name} must be a non-negative integer`, { ArgumentName: name, ArgumentValue: text });
  return Number(text);
}
