import type { OperationHandlers } from '../../kit';
import type { ClientAppCore } from '../../client-app/client-app';
import type { components, operations } from '../../../generated/client-app';

type HistoryQuery = NonNullable<operations['listHistory']['parameters']['query']>;

export function historyHandlers(core: ClientAppCore): OperationHandlers<operations> {
  return {
    listHistory: (c, _req, res) => {
      const query = c.request.query as { [K in keyof HistoryQuery]?: string };
      const page: components['schemas']['HistoryPage'] = core.history.list({
        limit: query.limit === undefined ? 20 : Number(query.limit),
        offset: query.offset === undefined ? 0 : Number(query.offset),
        ...(query.user_id === undefined ? {} : { userId: query.user_id }),
      });
      res.json(page);
    },
  };
}
