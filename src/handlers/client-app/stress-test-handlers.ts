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
      const request = parseStressTestRequest(input);
      // A caller that goes away (a closed page, a stopped curl) stops its run. Its connection's
      // end says so: Node keeps a connection the client has closed for writing open for the
      // answer, so the response would only close once the run is over.
      const callerGone = new AbortController();
      const stop = () => callerGone.abort();
      req.socket.once('end', stop);
      res.once('close', stop);
      let report: components['schemas']['StressTestReport'];
      try {
        report = await core.stressTests.run(request, callerGone.signal);
      } finally {
        req.socket.off('end', stop);
        res.off('close', stop);
      }
      res.json(report);
    },
  };
}
