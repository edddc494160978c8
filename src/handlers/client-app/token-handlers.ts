import type { OperationHandlers } from '../../kit';
import type { ClientAppCore } from '../../client-app/client-app';
import type { components, operations } from '../../../generated/client-app';

export function tokenHandlers(core: ClientAppCore): OperationHandlers<operations> {
  return {
    generateToken: (c, _req, res) => {
      const userId = String(c.request.query.user_id);
      const token: components['schemas']['Token'] = core.tokens.issue(userId);
      core.activity.record('token.generated', `token issued for ${userId}, expires ${token.expires_at}`, { user_id: userId, expires_at: token.expires_at });
      res.json(token);
    },
  };
}
