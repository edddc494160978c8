import { InvalidUploadFieldError } from '../../../src/image-api/errors';
import { readUploadOptions } from '../../../src/image-api/upload-form';

function fieldError(fields: Record<string, string>): InvalidUploadFieldError {
  try {
    readUploadOptions(fields, 'test-uploads');
  } catch (error) {
    return error as InvalidUploadFieldError;
  }
  throw new Error('the fields were accepted');
}

describe('readUploadOptions', () => {
  it('defaults the bucket and the metadata', () => {
    expect(readUploadOptions({}, 'test-uploads')).toEqual({ bucket: 'test-uploads', metadata: {} });
  });

  it('parses metadata given as a JSON object and ignores unknown fields', () => {
    expect(readUploadOptions({ bucket: 'photos', metadata: '{"context":"demo","n":1}', user_id: 'u' }, 'test-uploads'))
      .toEqual({ bucket: 'photos', metadata: { context: 'demo', n: 1 } });
  });

  it.each([['not json', /not valid JSON/], ['[1,2]', /must be a JSON object/], ['null', /must be a JSON object/], ['"text"', /must be a JSON object/]])(
    'refuses metadata %s, naming the field', (metadata, message) => {
      const error = fieldError({ metadata });
      expect(error).toBeInstanceOf(InvalidUploadFieldError);
      expect(error.field).toBe('metadata');
      expect(error.message).toMatch(message);
    });

  it.each(['UPPER', 'a', 'has space', 'dots..twice', '-leading'])('refuses the bucket name %s', (bucket) => {
    expect(fieldError({ bucket }).field).toBe('bucket');
  });
});
