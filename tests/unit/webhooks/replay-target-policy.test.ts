import { InvalidReplayTargetError, ReplayTargetNotAllowedError } from '../../../src/webhooks/errors';
import { ReplayTargetPolicy } from '../../../src/webhooks/replay-target-policy';

describe('where replays may go', () => {
  const loopbackOnly = new ReplayTargetPolicy([]);

  it('allows loopback hosts', () => {
    for (const url of ['http://localhost:4000/hook', 'http://127.0.0.1/x', 'http://127.8.9.10/', 'http://[::1]:8080/', 'https://app.localhost/']) {
      expect(loopbackOnly.check(url).href).toBe(new URL(url).href);
    }
  });

  it('refuses other hosts unless WEBHOOK_REPLAY_ALLOW lists them', () => {
    expect(() => loopbackOnly.check('https://example.com/webhook')).toThrow(ReplayTargetNotAllowedError);
    expect(() => loopbackOnly.check('http://10.0.0.1/')).toThrow(ReplayTargetNotAllowedError);
    expect(() => loopbackOnly.check('http://127.0.0.1.evil.example/')).toThrow(ReplayTargetNotAllowedError);
    const listed = new ReplayTargetPolicy(['Example.com', '*.hooks.test']);
    expect(listed.check('https://example.com/webhook').hostname).toBe('example.com');
    expect(listed.check('https://a.b.hooks.test/').hostname).toBe('a.b.hooks.test');
    expect(() => listed.check('https://hooks.test.evil/')).toThrow(ReplayTargetNotAllowedError);
  });

  it('allows any host with *', () => {
    expect(new ReplayTargetPolicy(['*']).check('https://anywhere.example/').hostname).toBe('anywhere.example');
  });

  it('accepts only absolute http(s) URLs without credentials', () => {
    expect(() => loopbackOnly.check('/relative')).toThrow(InvalidReplayTargetError);
    expect(() => loopbackOnly.check('file:///etc/passwd')).toThrow('must be http or https, not file');
    expect(() => loopbackOnly.check('ftp://localhost/')).toThrow(InvalidReplayTargetError);
    expect(() => loopbackOnly.check('http://user:pw@localhost/')).toThrow(InvalidReplayTargetError);
  });

  it('refuses port 0, which node:http would send to port 80 instead', () => {
    expect(() => loopbackOnly.check('http://localhost:0/hook')).toThrow('target_url names port 0');
    expect(() => loopbackOnly.check('https://127.0.0.1:00/')).toThrow(InvalidReplayTargetError);
    expect(loopbackOnly.check('http://localhost:80/').port).toBe('');
  });
});
