/**
 * Requester Pays: the bucket's RequestPaymentConfiguration, and the one rule it adds to access.
 * Nothing is billed here; what a client sees is S3's: anonymous requests are refused, and so are
 * another account's requests that do not say they will pay (`x-amz-request-payer: requester`, in
 * a header or, presigned, in the query). The owner's account never needs to.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketRequestPayment.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/RequesterPaysBuckets.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ObjectsinRequesterPaysBuckets.html
 */
import { S3Error } from '../errors';
import { header, queryValue, type S3HttpRequest } from '../http-request';
import { parseXml, type XmlTree } from '../xml';
import type { Principal } from './principals';

const PAYERS = ['BucketOwner', 'Requester'] as const;
export type Payer = (typeof PAYERS)[number];

/** A RequestPaymentConfiguration names one Payer, `BucketOwner` or `Requester`. */
export function parseRequestPayment(body: string): Payer {
  const payer = parseXml(body, 'RequestPaymentConfiguration').Payer;
  const value = typeof payer === 'string' ? payer.trim() : '';
  if (!(PAYERS as readonly string[]).includes(value)) throw new S3Error('MalformedXML');
  return value as Payer;
}

export function requestPaymentDocument(payer: Payer | undefined): XmlTree {
  return { Payer: payer ?? 'BucketOwner' };
}

function saysRequesterPays(wire: S3HttpRequest): boolean {
  const value = header(wire, 'x-amz-request-payer') ?? queryValue(wire.query, 'x-amz-request-payer');
  return value?.toLowerCase() === 'requester';
}

/** Whether a Requester Pays bucket takes this request at all (the policy and ACLs decide the rest). */
export function requesterPaysAllows(payer: Payer | undefined, request: { principal: Principal; isOwner: boolean; wire: S3HttpRequest }): boolean {
  if (payer !== 'Requester' || request.isOwner) return true;
  return request.principal.kind !== 'anonymous' && saysRequesterPays(request.wire);
}
