// Files for the upload operations: a real JPEG made with sharp, and files built to be refused.
const sharp = require('sharp');

let jpeg;
/** A small real JPEG (64x48, one colour), made once per run. */
function smallJpeg() {
  jpeg ??= sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6ea5' } }).jpeg().toBuffer();
  return jpeg;
}

// FF D8 FF is all the upload check reads (the first bytes of every JPEG).
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

/** Starts like a JPEG, so it is accepted, but no decoder can read it: its job fails. */
const undecodableJpeg = () => Buffer.concat([JPEG_START, Buffer.from('these bytes are not an image')]);

/** Starts like a JPEG and is one byte over `limitBytes`. */
const oversizedJpeg = (limitBytes) => Buffer.concat([JPEG_START, Buffer.alloc(limitBytes + 1 - JPEG_START.length)]);

const textFile = () => Buffer.from('plain text, not an image\n');

module.exports = { smallJpeg, undecodableJpeg, oversizedJpeg, textFile };
