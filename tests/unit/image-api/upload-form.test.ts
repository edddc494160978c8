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

  it('says where metadata that is not JSON breaks, without quoting it', () => {
    const error = fieldError({ metadata: '{"api_key": sk_live_TOPSECRET}' });
    expect(error.message).toContain('is not valid JSON (Unexpected token at position 12)');
    expect(error.message).not.toContain('TOPSECRET');
  });

  it.each(['UPPER', 'a', 'has space', 'dots..twice', '-leading'])('refuses the bucket name %s', (bucket) => {
    expect(fieldError({ bucket }).field).toBe('bucket');
  });
});

describe('readUploadOptions: the size of metadata', () => {
  /** An object `levels` deep: `{"a":{"a":[]}}` is 3. */
  const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}[]${'}'.repeat(levels - 1)}`;

  it('accepts metadata 8 levels deep and 16384 characters long', () => {
    expect(readUploadOptions({ metadata: nested(8) }, 'test-uploads').metadata).toHaveProperty('a');
    const long = `{"note":"${'é'.repeat(16384 - 11)}"}`;
    expect(readUploadOptions({ metadata: long }, 'test-uploads').metadata.note).toHaveLength(16384 - 11);
  });

  it.each([
    ['9 levels deep', nested(9), /more than 8 levels deep/],
    ['nested 8000 deep', `{"a":${'['.repeat(8000)}${']'.repeat(8000)}}`, /more than 8 levels deep/],
    ['deep even when not valid JSON', '['.repeat(50), /more than 8 levels deep/],
    ['16385 characters long', `{"note":"${'x'.repeat(16385 - 11)}"}`, /longer than 16384 characters/],
  ])('refuses metadata %s, naming the field', (_name, metadata, message) => {
    const error = fieldError({ metadata });
    expect(error.field).toBe('metadata');
    expect(error.message).toMatch(message);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = `{"text":"\\"${'[{'.repeat(50)}"}`;
    expect(readUploadOptions({ metadata: text }, 'test-uploads').metadata.text).toBe(`"${'[{'.repeat(50)}`);
  });
});
