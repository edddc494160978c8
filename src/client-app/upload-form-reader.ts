import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import type Busboy from 'busboy';
import { FileTooLargeError, InvalidFormError, RepeatedFieldError } from './errors';
import { limitedForm, parseInto, takeFields, type FormFields } from './form-parser';
import { checkedUserId } from './user-id';
import type { SpooledFile, UploadSpool } from './upload-spool';

export interface ReceivedUpload {
  userId: string;
  /** Fields sent before the file (every field, when the file had to be spooled). */
  fields: FormFields;
  file: { filename: string; mimeType: string; content: Readable };
  /** Fields sent after the file; known once the whole form has been read. */
  fieldsAfterFile: Promise<FormFields>;
  /** Bytes of the file part read so far. */
  bytesRead(): number;
  /** Stops forwarding: reads and discards what the caller still sends, removes any spool file. */
  finish(): Promise<void>;
}

// No `files` limit: busboy skips a file part beyond it without a word, so a second `file` would be
// dropped; every file part is seen here instead, and `parts` bounds them.
const limits = { fields: 20, fieldSize: 64 * 1024, parts: 40 };

function asFormError(error: unknown): Error {
  if (error instanceof InvalidFormError || error instanceof FileTooLargeError) return error;
  return new InvalidFormError(`the multipart body could not be read: ${(error as Error).message}`, 'body');
}

/**
 * Reads an upload form (file, bucket, user_id, context) and hands the file over as a stream
 * as soon as the user is known, so the body flows on to the image API without being held.
 * When user_id comes only after the file (as in `curl -F file=@.. -F user_id=..`), the file
 * waits in `spooler`'s folder, at most its limit of it, and is handed over once the form is complete.
 */
export function readUploadForm(body: Readable, headers: IncomingHttpHeaders, spooler: UploadSpool): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = limitedForm(headers, limits, 'expected a multipart/form-data body with a file part');
    } catch (error) {
      body.resume();
      reject(error);
      return;
    }
    const fields: FormFields = {};
    let fieldsAfterFile: FormFields | undefined;
    let spool: Promise<SpooledFile> | undefined;
    let fileInfo = { filename: '', mimeType: '' };
    let bytes = 0;
    let handedOver = false;
    const formRead = parseInto(busboy, body);

    takeFields(busboy, (name, value) => {
      (fieldsAfterFile ?? fields)[name] = value;
    });
    busboy.on('file', (name, content, info) => {
      if (busboy.destroyed) {
        content.resume();
        return;
      }
      if (name !== 'file') {
        // refused as the image API refuses it, rather than dropped: a field sent as a file
        // (curl -F context=@notes.txt) would otherwise go missing without a word
        content.destroy();
        busboy.destroy(new InvalidFormError(`unexpected file part "${name}": the form takes one file, named "file"`, name));
        return;
      }
      if (fieldsAfterFile !== undefined || spool !== undefined) {
        // refused as a repeated text field is, before or while the first file streams on; the
        // part is destroyed first, else busboy would hand the error to it, where no one listens
        content.destroy();
        busboy.destroy(new RepeatedFieldError(name));
        return;
      }
      const counted = new Transform({ transform(chunk: Buffer, _encoding, done) { bytes += chunk.length; done(null, chunk); } });
      // The caller gets `counted` a tick after this handler, and a form that ends right after the
      // file's headers fails it before then: heard here, its error cannot stop the process, and
      // the caller finds it in `counted.errored`.
      counted.on('error', () => undefined);
      // a form cut short reaches whoever reads the file as the 400 it is
      content.once('error', (error) => counted.destroy(asFormError(error)));
      content.pipe(counted);
      fileInfo = { filename: info.filename ?? 'upload', mimeType: info.mimeType };
      let userId: string;
      try {
        userId = checkedUserId(fields.user_id);
      } catch {
        spool = spooler.spool(counted);
        // its failure is the form's failure, reported below; it ends the form now, the rest of
        // the body drained unread, rather than once the caller has sent a file too large to keep
        spool.catch((error: Error) => busboy.destroy(error));
        return;
      }
      fieldsAfterFile = {};
      const after = fieldsAfterFile;
      handedOver = true;
      const remaining = formRead.then(() => after, (error: unknown) => Promise.reject(asFormError(error)));
      remaining.catch(() => undefined); // a caller that stopped early need not wait for it
      resolve({
        userId,
        fields: { ...fields },
        file: { ...fileInfo, content: counted },
        fieldsAfterFile: remaining,
        bytesRead: () => bytes,
        finish: async () => { counted.unpipe(); counted.resume(); },
      });
    });

    formRead
      .then(async () => {
        if (handedOver) return;
        if (spool === undefined) throw new InvalidFormError('the form has no file part named "file"', 'file');
        const spooled = await spool;
        try {
          const userId = checkedUserId(fields.user_id);
          const content = spooled.open();
          resolve({
            userId,
            fields,
            file: { ...fileInfo, content },
            fieldsAfterFile: Promise.resolve({}),
            bytesRead: () => bytes,
            finish: async () => { content.destroy(); await spooled.remove(); },
          });
        } catch (error) {
          await spooled.remove();
          throw error;
        }
      })
      .catch(async (error: unknown) => {
        if (handedOver) return;
        await spool?.then((spooled) => spooled.remove(), () => undefined);
        reject(asFormError(error));
      });
  });
}
