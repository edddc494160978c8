import { S3Error } from '../../../src/s3/errors';
import { parseXml, renderErrorXml, renderXml, S3_XML_NAMESPACE } from '../../../src/s3/xml';

describe('S3 XML rendering', () => {
  it('renders an Error document with code, message, extra fields, resource and request id', () => {
    const error = new S3Error('NoSuchKey', undefined, { Key: 'photos/a&b.jpg' });
    const xml = renderErrorXml(error, { resource: '/bucket/photos/a&b.jpg', requestId: 'ABC123', hostId: 'host' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>' +
        '<Message>The specified key does not exist.</Message><Key>photos/a&amp;b.jpg</Key>' +
        '<Resource>/bucket/photos/a&amp;b.jpg</Resource><RequestId>ABC123</RequestId><HostId>host</HostId></Error>',
    );
  });

  it('renders a result document in the S3 namespace, repeating arrays, formatting dates, omitting undefined', () => {
    const xml = renderXml('ListAllMyBucketsResult', {
      Buckets: { Bucket: [{ Name: 'a', CreationDate: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }, { Name: 'b' }] },
      Owner: undefined,
      ETag: '"abc"',
    });
    expect(xml).toContain(`<ListAllMyBucketsResult xmlns="${S3_XML_NAMESPACE}">`);
    expect(xml).toContain(
      '<Buckets><Bucket><Name>a</Name><CreationDate>2024-01-02T03:04:05.000Z</CreationDate></Bucket><Bucket><Name>b</Name></Bucket></Buckets>',
    );
    expect(xml).not.toContain('Owner');
    expect(xml).toContain('<ETag>&quot;abc&quot;</ETag>');
  });

  it('writes carriage returns as character references, so parsers keep CR, LF and CRLF in keys', () => {
    const xml = renderXml('ListBucketResult', { Contents: { Key: 'a\rb\nc\r\nd<\'"&' } });
    expect(xml).toContain('<Key>a&#13;b\nc&#13;\nd&lt;&apos;&quot;&amp;</Key>');
    expect(parseXml(xml, 'ListBucketResult').Contents).toEqual({ Key: 'a\rb\nc\r\nd<\'"&' });
  });

  it('renders a text-only root such as LocationConstraint', () => {
    expect(renderXml('LocationConstraint', 'eu-west-1')).toContain(`xmlns="${S3_XML_NAMESPACE}">eu-west-1</LocationConstraint>`);
  });
});

describe('S3 XML parsing', () => {
  it('reads a Delete document, keeping key whitespace, entities and single elements as arrays', () => {
    const doc = parseXml(
      `<?xml version="1.0"?><Delete xmlns="${S3_XML_NAMESPACE}"><Quiet>true</Quiet>` +
        '<Object><Key> a&amp;b&#13;007 </Key></Object></Delete>',
      'Delete',
      ['Object'],
    );
    expect(doc.Quiet).toBe('true');
    expect(doc.Object).toEqual([{ Key: ' a&b\r007 ' }]);
  });

  it.each([
    ['an empty body', ''],
    ['text that is not XML', 'not xml at all'],
    ['unbalanced tags', '<Delete><Object></Delete>'],
    ['the wrong root element', '<Tagging><TagSet/></Tagging>'],
  ])('refuses %s with MalformedXML', (_, text) => {
    expect(() => parseXml(text, 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });
});
