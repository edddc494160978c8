import type { OperationHandlers } from '../../kit';
import type { ClientAppCore } from '../../client-app/client-app';
import type { components, operations } from '../../../generated/client-app';

export function tokenHandlers(core: ClientAppCore): OperationHandlers<operations> {
  return {
    generateToken: (c, _req, res) => {
      const userId = String(c.request.query.user_id);
      const token: components['schemas']['Token'] = core.tokens.issue(userId);
      core.activity.record('token.generated', `token issued for ${userId}, expires ${token.expires_at}`, { user_id: userId, expires_at: token.expires_at });
      // RFC 6749 §5.1: an answer holding a token is never stored, nor kept in a browser's cache on disk
      res.setHeader('Cache-Control', 'no-store');
      res.json(token);
    },
  };
}
