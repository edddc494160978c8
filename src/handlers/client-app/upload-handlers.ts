import type { OperationHandlers } from '../../kit';
import type { ClientAppCore } from '../../client-app/client-app';
import type { components, operations } from '../../../generated/client-app';
import { signedInUser } from './sign-in-handlers';
import { copyRateLimitHeaders, sendUpstreamReply } from './upstream-reply';

/** What the image API's 202 carries (openapi/image-api.yaml, UploadAccepted). */
interface ImageApiAccepted {
  job_id: string;
  image_id: string;
  status_url?: string;
  message?: string;
}

export function uploadHandlers(core: ClientAppCore): OperationHandlers<operations> {
  return {
    uploadImage: async (_c, req, res) => {
      const { reply, entry } = await core.uploads.relay(req, req.headers, signedInUser(core, req));
      if (reply.status < 200 || reply.status >= 300) return sendUpstreamReply(res, reply);
      const accepted = reply.body as ImageApiAccepted;
      const body: components['schemas']['UploadAccepted'] = {
        job_id: accepted.job_id,
        image_id: accepted.image_id,
        user_id: entry.user_id,
        ...(accepted.message ? { message: accepted.message } : {}),
        status_url: `/api/status/${encodeURIComponent(accepted.job_id)}`,
        result_url: `/api/result/${encodeURIComponent(accepted.job_id)}`,
        ...(accepted.status_url ? { image_api_status_url: accepted.status_url } : {}),
        history_id: entry.id,
      };
      copyRateLimitHeaders(res, reply);
      res.status(reply.status).json(body);
    },

    getJobStatus: async (c, _req, res) => {
      sendUpstreamReply(res, await core.jobs.status(String(c.request.params.job_id)));
    },

    getJobResult: async (c, _req, res) => {
      sendUpstreamReply(res, await core.jobs.result(String(c.request.params.job_id)));
    },
  };
}
