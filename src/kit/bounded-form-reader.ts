import type { IncomingHttpHeaders } from 'node:http';
import type busboy from 'busboy';
import { formReader } from './form-reader';

/** The most a form may carry: text fields, parts (files and fields), bytes of one field's value. */
export interface FormLimits {
  fields: number;
  parts: number;
  fieldSize: number;
  headerPairs?: number;
}

/**
 * A form reader that says when a form goes beyond `limits`, calling `refuse` once with the field
 * at fault and why ('is longer than 4096 bytes'), or with 'body' and why the whole form is refused
 * ('the form has more than 20 text fields'). busboy alone drops the fields and parts
 * beyond its limits and cuts a long value short without an error, and counts a form that only
 * reaches a limit (exactly 20 fields) as beyond it; so busboy is given one more of each, and
 * whatever passes that is refused here. `refuse` is heard before the form's own `field` listeners.
 */
export function boundedFormReader(
  headers: IncomingHttpHeaders,
  limits: FormLimits,
  refuse: (field: string, reason: string) => void,
): busboy.Busboy {
  const parser = formReader(headers, { ...limits, fields: limits.fields + 1, parts: limits.parts + 1, fieldSize: limits.fieldSize + 1 });
  let refused = false;
  const refuseOnce = (field: string, reason: string) => {
    if (refused) return;
    refused = true;
    refuse(field, reason);
  };
  const tooManyFields = () => refuseOnce('body', `the form has more than ${limits.fields} text fields`);
  let fields = 0;
  parser.on('field', (name, value, info) => {
    if (++fields > limits.fields) tooManyFields();
    else if (info.valueTruncated || Buffer.byteLength(value) > limits.fieldSize) refuseOnce(name, `is longer than ${limits.fieldSize} bytes`);
  });
  parser.on('fieldsLimit', tooManyFields);
  parser.on('partsLimit', () => refuseOnce('body', `the form has more than ${limits.parts} parts`));
  return parser;
}
