/** NotificationConfiguration documents, checked as S3 checks them (src/s3/events/notification-configuration.ts). */
import { matchingRules, notificationConfigurationXml, parseNotificationConfiguration } from '../../../../src/s3/events';
import { renderXml } from '../../../../src/s3/xml';

const queue = (events: string[], filter = '', id = '') =>
  `<QueueConfiguration>${id ? `<Id>${id}</Id>` : ''}<Queue>arn:minio:sqs::standin:webhook</Queue>${events.map((e) => `<Event>${e}</Event>`).join('')}${filter}</QueueConfiguration>`;
const filter = (...rules: [string, string][]) => `<Filter><S3Key>${rules.map(([name, value]) => `<FilterRule><Name>${name}</Name><Value>${value}</Value></FilterRule>`).join('')}</S3Key></Filter>`;
const document = (...entries: string[]) => `<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${entries.join('')}</NotificationConfiguration>`;

function refusal(body: string) {
  try {
    parseNotificationConfiguration(body);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('the configuration was accepted');
}

describe('parseNotificationConfiguration', () => {
  it('reads each kind of entry with its events and filter, names case-insensitive', () => {
    const parsed = parseNotificationConfiguration(
      document(
        queue(['s3:ObjectCreated:*'], filter(['prefix', 'images/'], ['SUFFIX', '.jpg']), 'q'),
        '<TopicConfiguration><Id>t</Id><Topic>arn:aws:sns:us-east-1:1:standin</Topic><Event>s3:ObjectRemoved:Delete</Event></TopicConfiguration>',
        '<CloudFunctionConfiguration><Id>f</Id><CloudFunction>arn:aws:lambda:us-east-1:1:function:standin</CloudFunction><Event>s3:ObjectAcl:Put</Event></CloudFunctionConfiguration>',
        '<EventBridgeConfiguration></EventBridgeConfiguration>',
      ),
    );
    expect(parsed).toEqual({
      eventBridge: true,
      rules: [
        { id: 't', kind: 'topic', arn: 'arn:aws:sns:us-east-1:1:standin', events: ['s3:ObjectRemoved:Delete'] },
        { id: 'q', kind: 'queue', arn: 'arn:minio:sqs::standin:webhook', events: ['s3:ObjectCreated:*'], prefix: 'images/', suffix: '.jpg' },
        { id: 'f', kind: 'function', arn: 'arn:aws:lambda:us-east-1:1:function:standin', events: ['s3:ObjectAcl:Put'] },
      ],
    });
  });

  it('gives an entry without an Id one of its own', () => {
    const [rule] = parseNotificationConfiguration(document(queue(['s3:ObjectCreated:Put']))).rules;
    expect(rule.id).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
  });

  it('takes an empty configuration as none', () => {
    expect(parseNotificationConfiguration('<NotificationConfiguration/>')).toEqual({ rules: [], eventBridge: false });
  });

  it.each([
    ['an unknown event', document(queue(['s3:ObjectCreated:Teleport'])), 'The event is not supported for notifications'],
    ['a rule that is neither prefix nor suffix', document(queue(['s3:ObjectCreated:*'], filter(['middle', 'x']))), 'filter rule name must be either prefix or suffix'],
    ['two prefix rules', document(queue(['s3:ObjectCreated:*'], filter(['prefix', 'a'], ['Prefix', 'b']))), 'Cannot specify more than one prefix rule in a filter.'],
    ['two entries with one Id', document(queue(['s3:ObjectCreated:Put'], '', 'same'), queue(['s3:ObjectRemoved:*'], '', 'same')), 'Configuration is ambiguously defined. Cannot have two configurations with the same ID.'],
    [
      'a wildcard overlapping one of its events under overlapping prefixes',
      document(queue(['s3:ObjectCreated:*'], filter(['prefix', 'images/'])), queue(['s3:ObjectCreated:Put'], filter(['prefix', 'images/cats/']))),
      'Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type.',
    ],
  ])('refuses %s with InvalidArgument', (_case, body, message) => {
    expect(refusal(body)).toMatchObject({ code: 'InvalidArgument', message });
  });

  it('accepts entries for one event type whose prefixes, or whose suffixes, do not overlap', () => {
    const byPrefix = document(queue(['s3:ObjectCreated:*'], filter(['prefix', 'images/'])), queue(['s3:ObjectCreated:*'], filter(['prefix', 'videos/'])));
    const bySuffix = document(queue(['s3:ObjectCreated:*'], filter(['suffix', '.jpg'])), queue(['s3:ObjectCreated:*'], filter(['suffix', '.png'])));
    expect(parseNotificationConfiguration(byPrefix).rules).toHaveLength(2);
    expect(parseNotificationConfiguration(bySuffix).rules).toHaveLength(2);
  });

  it('takes an entry without a prefix as overlapping every prefix', () => {
    const body = document(queue(['s3:ObjectCreated:*'], filter(['prefix', 'images/'])), queue(['s3:ObjectCreated:Put'], filter(['suffix', '.log'])));
    expect(refusal(body)).toMatchObject({ code: 'InvalidArgument' });
  });

  it.each([
    ['no Event', document('<QueueConfiguration><Queue>arn:minio:sqs::standin:webhook</Queue></QueueConfiguration>')],
    ['no ARN', document('<QueueConfiguration><Event>s3:ObjectCreated:*</Event></QueueConfiguration>')],
    ['another root', '<Configuration/>'],
    // localstack's recorded answers: test_bucket_notification_with_missing_values_in_rule.
    ['a filter rule without a Value', document(queue(['s3:ObjectCreated:*'], '<Filter><S3Key><FilterRule><Name>prefix</Name></FilterRule></S3Key></Filter>'))],
    ['a filter rule without a Name', document(queue(['s3:ObjectCreated:*'], '<Filter><S3Key><FilterRule><Value>test</Value></FilterRule></S3Key></Filter>'))],
    ['an empty filter rule', document(queue(['s3:ObjectCreated:*'], '<Filter><S3Key><FilterRule></FilterRule></S3Key></Filter>'))],
  ])('refuses an entry with %s as MalformedXML', (_case, body) => {
    expect(refusal(body)).toMatchObject({ code: 'MalformedXML' });
  });

  // localstack's recorded answers: test_invalid_sqs_arn, test_invalid_topic_arn, test_invalid_lambda_arn ('invalid_not_skip', 'invalid_skip').
  it.each([
    ['QueueConfiguration', 'Queue'],
    ['TopicConfiguration', 'Topic'],
    ['CloudFunctionConfiguration', 'CloudFunction'],
  ])('refuses a %s whose ARN it cannot parse, naming its %s', (entry, element) => {
    const body = document(`<${entry}><${element}>invalid-queue</${element}><Event>s3:ObjectCreated:*</Event></${entry}>`);
    expect(refusal(body)).toMatchObject({ code: 'InvalidArgument', message: 'The ARN could not be parsed', fields: { ArgumentName: element, ArgumentValue: 'invalid-queue' } });
  });

  it('names FilterRule.Name in the refusal of a rule that is neither prefix nor suffix, and takes an empty Value', () => {
    expect(refusal(document(queue(['s3:ObjectCreated:*'], filter(['INVALID', 'does not matter']))))).toMatchObject({
      code: 'InvalidArgument',
      fields: { ArgumentName: 'FilterRule.Name', ArgumentValue: 'INVALID' },
    });
    expect(parseNotificationConfiguration(document(queue(['s3:ObjectCreated:*'], filter(['suffix', ''])))).rules[0]).toMatchObject({ suffix: '' });
  });
});

describe('matchingRules', () => {
  const configuration = parseNotificationConfiguration(
    document(queue(['s3:ObjectCreated:*'], filter(['prefix', 'in/'], ['suffix', '.png']), 'png'), queue(['s3:ObjectRemoved:Delete'], '', 'deletes')),
  );

  it('takes an event that a wildcard covers, for a key inside the filter', () => {
    expect(matchingRules(configuration, 'ObjectCreated:Copy', 'in/a.png').map((rule) => rule.id)).toEqual(['png']);
    expect(matchingRules(configuration, 'ObjectCreated:Put', 'in/a.jpg')).toEqual([]);
    expect(matchingRules(configuration, 'ObjectCreated:Put', 'out/a.png')).toEqual([]);
  });

  it('takes only the events an entry names', () => {
    expect(matchingRules(configuration, 'ObjectRemoved:Delete', 'any').map((rule) => rule.id)).toEqual(['deletes']);
    expect(matchingRules(configuration, 'ObjectRemoved:DeleteMarkerCreated', 'any')).toEqual([]);
  });
});

describe('notificationConfigurationXml', () => {
  it('renders rule names as S3 does (Prefix, Suffix), and an empty document for none', () => {
    const parsed = parseNotificationConfiguration(document(queue(['s3:ObjectCreated:*'], filter(['prefix', 'a/'], ['suffix', '.b']), 'q')));
    expect(renderXml('NotificationConfiguration', notificationConfigurationXml(parsed))).toContain(
      '<QueueConfiguration><Id>q</Id><Queue>arn:minio:sqs::standin:webhook</Queue><Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>Prefix</Name><Value>a/</Value></FilterRule><FilterRule><Name>Suffix</Name><Value>.b</Value></FilterRule></S3Key></Filter></QueueConfiguration>',
    );
    expect(renderXml('NotificationConfiguration', notificationConfigurationXml())).toMatch(/<NotificationConfiguration xmlns="[^"]+"(><\/NotificationConfiguration>|\/>)$/);
  });
});
