import { parentPort } from 'node:worker_threads';
import type { ValidateFunction } from 'ajv';
import { asyncSchemaProblem, judgePayload, notJudged, payloadAjv, WORKER_READY, type PayloadCheckRequest, type PayloadJudgement } from './payload-validation';

/**
 * The worker thread that judges delivery bodies (payload-check-thread.ts starts it): a schema
 * that takes seconds on a body holds up this thread alone, which the main thread stops.
 */

const ajv = payloadAjv();
/** Each schema compiled once, or why it does not compile here (two clients' schemas with one $id). */
const validators = new Map<number, ValidateFunction | string>();

function validatorFor({ schemaId, schema }: PayloadCheckRequest): ValidateFunction | string {
  let validator = validators.get(schemaId);
  if (validator === undefined) {
    try {
      const validate = ajv.compile(schema ?? {});
      // A schema stored before such schemas were refused at registration.
      validator = asyncSchemaProblem(validate) ?? validate;
    } catch (error) {
      validator = (error as Error).message;
    }
    validators.set(schemaId, validator);
  }
  return validator;
}

function judge(request: PayloadCheckRequest): PayloadJudgement {
  const validator = validatorFor(request);
  return typeof validator === 'string' ? notJudged(`the schema could not be checked: ${validator}`) : judgePayload(validator, request.json);
}

parentPort?.on('message', (request: PayloadCheckRequest) => parentPort?.postMessage(judge(request)));
parentPort?.postMessage(WORKER_READY);
