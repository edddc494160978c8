import type { OperationHandlers } from '../../kit';
import type { ClientAppCore } from '../../client-app/client-app';
import { readFormFields } from '../../client-app/form-parser';
import { parseStressTestRequest } from '../../client-app/stress-test-request';
import type { components, operations } from '../../../generated/client-app';

export function stressTestHandlers(core: ClientAppCore): OperationHandlers<operations> {
  return {
    runStressTest: async (_c, req, res) => {
      // JSON and urlencoded bodies arrive parsed by the kit; a multipart form (curl -F) is read here
      const input = req.body !== undefined && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : await readFormFields(req, req.headers);
      const report: components['schemas']['StressTestReport'] = await core.stressTests.run(parseStressTestRequest(input));
      res.json(report);
    },
  };
}
