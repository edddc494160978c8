import { S3Error } from '../../../src/s3/errors';
import { MAX_XML_DEPTH, MAX_XML_NODES, parseXml, renderErrorXml, renderXml, S3_XML_NAMESPACE, XmlSequence } from '../../../src/s3/xml';

describe('S3 XML rendering', () => {
  it('renders an Error document with code, message, extra fields and request ids', () => {
    const error = new S3Error('NoSuchKey', undefined, { Key: 'photos/a&b.jpg' });
    const xml = renderErrorXml(error, { requestId: 'ABC123', hostId: 'host' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>' +
        '<Message>The specified key does not exist.</Message><Key>photos/a&amp;b.jpg</Key>' +
        '<RequestId>ABC123</RequestId><HostId>host</HostId></Error>',
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

  it('interleaves the elements of a sequence in the order given, escaping and formatting as elsewhere', () => {
    const xml = renderXml('ListVersionsResult', {
      Name: 'b',
      Entries: new XmlSequence([['Version', { Key: 'a&b', LastModified: new Date(0) }], ['DeleteMarker', { Key: 'c\r' }], ['Version', { Key: 'd' }]]),
      Prefix: [{ Value: 'p/' }, { Value: 'q/' }],
      Skipped: undefined,
    });
    expect(xml).toContain(
      `<ListVersionsResult xmlns="${S3_XML_NAMESPACE}"><Name>b</Name><Version><Key>a&amp;b</Key><LastModified>1970-01-01T00:00:00.000Z</LastModified></Version>` +
        '<DeleteMarker><Key>c&#13;</Key></DeleteMarker><Version><Key>d</Key></Version><Prefix><Value>p/</Value></Prefix><Prefix><Value>q/</Value></Prefix></ListVersionsResult>',
    );
  });

  it('renders attributes on their element, escaped, and empty values as empty elements', () => {
    const xml = renderXml('AccessControlPolicy', { Grant: { Grantee: { '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', '@_xsi:type': 'a"b', ID: 'id' }, Permission: '' }, Empty: {} });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<AccessControlPolicy xmlns="${S3_XML_NAMESPACE}"><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="a&quot;b"><ID>id</ID></Grantee>` +
        '<Permission></Permission></Grant><Empty></Empty></AccessControlPolicy>',
    );
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

describe('hostile XML request documents', () => {
  const nested = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Tagging><TagSet><Tag><Key>&lol3;</Key><Value>v</Value></Tag></TagSet></Tagging>';

  it.each([
    ['a DOCTYPE with entity declarations (billion laughs)', laughs],
    ['an external entity', '<!DOCTYPE t [<!ENTITY e SYSTEM "file:///etc/passwd">]><Tagging><TagSet><Tag><Key>&e;</Key></Tag></TagSet></Tagging>'],
    ['a bare DOCTYPE', '<!DOCTYPE Tagging><Tagging/>'],
    ['an entity declaration outside a DOCTYPE', '<!ENTITY e "x"><Tagging/>'],
    ['nesting one level beyond the limit', `<Tagging>${nested(MAX_XML_DEPTH)}</Tagging>`],
    ['100,000 nested elements', `<Tagging>${nested(100_000)}</Tagging>`],
    ['100,000 unclosed elements', `<Tagging>${'<a>'.repeat(100_000)}`],
    ['more elements than the limit', `<Tagging>${'<a/>'.repeat(MAX_XML_NODES)}</Tagging>`],
    ['more processing instructions than the limit', `<Tagging>${'<?a?>'.repeat(MAX_XML_NODES)}</Tagging>`],
    ['a truncated document', '<Tagging><TagSet><Tag><Key>a</Key>'],
    ['a tag cut inside an attribute', '<Tagging a="x>'],
    ['an unterminated comment', '<Tagging><!-- never ends'],
    ['an element named __proto__', '<Tagging><__proto__><Key>a</Key></__proto__></Tagging>'],
    ['an element named constructor', '<Tagging><constructor>x</constructor></Tagging>'],
  ])('refuses %s with MalformedXML', (_, text) => {
    expect(() => parseXml(text, 'Tagging', ['Tag'])).toThrow(expect.objectContaining({ code: 'MalformedXML', status: 400 }));
  });

  it('takes nesting up to the limit, comments and CDATA that mention declarations, and quoted ">" in attributes', () => {
    expect(parseXml(`<Tagging>${nested(MAX_XML_DEPTH - 1)}</Tagging>`, 'Tagging')).toHaveProperty('a');
    const doc = parseXml('<?xml version="1.0"?><!-- <!DOCTYPE x> --><Tagging note="a>b"><Key><![CDATA[<!ENTITY>]]></Key></Tagging>', 'Tagging');
    expect(doc.Key).toBe('<!ENTITY>');
  });

  it('reads a CompleteMultipartUpload of 10,000 parts and an element with 50,000 attributes', () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>"e"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>`);
    expect(parseXml(`<CompleteMultipartUpload>${parts.join('')}</CompleteMultipartUpload>`, 'CompleteMultipartUpload', ['Part']).Part).toHaveLength(10_000);
    const attributes = Array.from({ length: 50_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(parseXml(`<Tagging ${attributes}/>`, 'Tagging')).toEqual({});
  });

  it('takes a processing instruction beside the XML declaration', () => {
    expect(parseXml('<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><Tagging><TagSet/></Tagging>', 'Tagging')).toEqual({ TagSet: '' });
  });
});

