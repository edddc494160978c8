/**
 * The CLI's usage texts, apart from the commands: `standin start` prints them without loading
 * the listen and trigger commands (and the webhook modules they need).
 */
export const LISTEN_USAGE = `standin listen --forward-to URL [--client ID]
  Forwards every delivery (or one client's) to URL, the app you are writing, with the exact bytes
  and headers received, and prints each with the app's answer until Ctrl-C. Starts the webhook
  receiver on WEBHOOK_PORT (default 4000), or uses the one already there; puts back the receiver's
  forwarding as it was when it stops.`;

export const TRIGGER_USAGE = `standin trigger <template> --to URL [--secret S] [--scheme NAME] [--unsigned | --wrong-signature] [--body JSON]
  Sends a signed test event (standin trigger --list shows the templates). The secret defaults
  to WEBHOOK_SECRET; the target must be loopback or in WEBHOOK_REPLAY_ALLOW.`;
