import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type Busboy from 'busboy';
import { boundedFormReader, type FormLimits } from '../kit/bounded-form-reader';
import { InvalidFormError, RepeatedFieldError } from './errors';

export type FormFields = Record<string, string>;

/**
 * Feeds `body` to the parser. Not stream.pipeline: on a bad form it would destroy the request,
 * and with it the socket the 400 answer has to go out on. The rest of the body is drained instead.
 */
export function parseInto(parser: Busboy.Busboy, body: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.once('finish', resolve);
    parser.once('error', (error: Error) => {
      body.unpipe(parser);
      body.resume();
      reject(error);
    });
    body.once('error', (error) => parser.destroy(error));
    body.once('close', () => {
      if (!body.readableEnded) parser.destroy(new Error('the request ended before the form was complete'));
    });
    body.pipe(parser);
  });
}

/**
 * Hands each text field of `parser`'s form to `take`. A name sent twice ends the form with
 * RepeatedFieldError: busboy would let the last value win, where the urlencoded form is refused.
 */
export function takeFields(parser: Busboy.Busboy, take: (name: string, value: string) => void): void {
  const seen = new Set<string>();
  parser.on('field', (name, value) => {
    if (parser.destroyed) return;
    if (seen.has(name)) {
      parser.destroy(new RepeatedFieldError(name));
      return;
    }
    seen.add(name);
    take(name, value);
  });
}

/**
 * A reader of a form of at most `limits`, ending it with InvalidFormError once it goes beyond
 * one (src/kit/bounded-form-reader.ts). Throws InvalidFormError for a body that is no form.
 */
export function limitedForm(headers: IncomingHttpHeaders, limits: FormLimits, notAForm: string): Busboy.Busboy {
  try {
    const parser = boundedFormReader(headers, limits, (field, reason) => {
      if (!parser.destroyed) parser.destroy(new InvalidFormError(field === 'body' ? reason : `${field} ${reason}`, field));
    });
    return parser;
  } catch {
    throw new InvalidFormError(notAForm, 'body');
  }
}

/** Reads a small form of text fields (multipart/form-data or urlencoded); file parts are refused. */
export async function readFormFields(body: Readable, headers: IncomingHttpHeaders): Promise<FormFields> {
  let parser: Busboy.Busboy;
  try {
    // No `files` limit: busboy would skip a file part beyond it without its name, and a field sent
    // as a file (curl -F count=@n.txt) would be left out, the run taking its default.
    parser = limitedForm(headers, { fields: 20, fieldSize: 4096, parts: 25 }, 'expected a JSON, multipart/form-data or urlencoded body');
  } catch (error) {
    body.resume();
    throw error;
  }
  const fields: FormFields = {};
  takeFields(parser, (name, value) => { fields[name] = value; });
  parser.on('file', (name, content) => {
    // the part is destroyed first, else busboy would hand the error to it, where no one listens
    content.destroy();
    if (!parser.destroyed) parser.destroy(new InvalidFormError(`${name} must be a text field, not a file`, name));
  });
  try {
    await parseInto(parser, body);
  } catch (error) {
    if (error instanceof InvalidFormError) throw error;
    throw new InvalidFormError(`the form could not be read: ${(error as Error).message}`, 'body');
  }
  return fields;
}
