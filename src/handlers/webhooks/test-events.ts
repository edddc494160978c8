import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components, operations } from '../../../generated/webhook-receiver';
import type { OperationHandlers } from '../../kit';
import { testEventTemplates } from '../../webhooks/test-events/templates';
import { passedOnVia } from '../../webhooks/outbound-request';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentAnswer, presentTemplate } from './presenters';
import { sendableHeaders } from './request-parameters';

type TriggerRequest = components['schemas']['TriggerRequest'];

/** Test events: the templates, and sending one (edited or not) signed to an allowed URL. */
export function testEventHandlers(receiver: WebhookReceiver): OperationHandlers<operations> {
  return {
    listTestEventTemplates: async (_c: Context, _req: Request, res: Response) => {
      res.json({ templates: (await testEventTemplates()).map(presentTemplate) });
    },

    triggerTestEvent: async (c: Context, req: Request, res: Response) => {
      const body = c.request.requestBody as TriggerRequest;
      const result = await receiver.trigger({
        template: body.template,
        targetUrl: body.target_url,
        signing: body.signing,
        scheme: body.scheme,
        secret: body.secret,
        clientId: body.client_id,
        body: body.body,
        headers: sendableHeaders(body.headers as Array<[string, string]> | undefined),
        via: passedOnVia(req.rawHeaders),
      });
      const answer: components['schemas']['TriggerResult'] = {
        template: result.template,
        target_url: result.targetUrl,
        scheme: result.scheme,
        signing: result.signing,
        response: presentAnswer(result.answer),
      };
      res.json(answer);
    },
  };
}
