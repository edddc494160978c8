// A multipart/form-data body (RFC 7578), built whole: Dredd sends one buffer per request.
const { randomBytes } = require('node:crypto');

/** parts: { name, value } for a field, { name, filename, contentType, data } for a file. */
function multipartBody(parts) {
  const boundary = `----standin-contract-${randomBytes(12).toString('hex')}`;
  const chunks = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(String(part.value)));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

module.exports = { multipartBody };
