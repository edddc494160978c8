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

const MAX_INT32 = 2 ** 31 - 1;

/**
 * An optional query parameter of 0 to 2147483647 (max-parts, part-number-marker, max-uploads),
 * refused in S3's words: a negative 32-bit integer is out of that range, anything else (a
 * number past 32 bits too) is no integer S3 reads. An empty value is as good as none, as on S3.
 */
export function integerParam(query: QueryPairs, name: string): number | undefined {
  const text = queryValue(query, name);
  if (text === undefined || text === '') return undefined;
  const fields = { ArgumentName: name, ArgumentValue: text };
  if (/^-\d+$/.test(text) && Number(text) >= -MAX_INT32 - 1) throw new S3Error('InvalidArgument', `Argument ${name} must be an integer between 0 and ${MAX_INT32}`, fields);
  if (!/^\d+$/.test(text) || Number(text) > MAX_INT32) throw new S3Error('InvalidArgument', `Provided ${name} not an integer or within integer range`, fields);
  return Number(text);
}
