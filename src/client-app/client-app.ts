import { reroutedFetch } from '../kit';
import { ActivityLog } from './activity-log';
import type { ClientAppConfig } from './config';
import { HistoryStore } from './history-store';
import { ImageApiClient } from './image-api-client';
import { JobLookup } from './job-lookup';
import { sampleJpeg } from './sample-image';
import { SignIn } from './sign-in';
import { StressTester } from './stress-test';
import { TokenIssuer } from './token-issuer';
import { UploadRelay } from './upload-relay';
import { UploadSender } from './upload-sender';
import { UploadSpool } from './upload-spool';

/** The client app's domain, wired from its configuration; the HTTP handlers call into this. */
export interface ClientAppCore {
  tokens: TokenIssuer;
  imageApi: ImageApiClient;
  history: HistoryStore;
  activity: ActivityLog;
  uploads: UploadRelay;
  jobs: JobLookup;
  stressTests: StressTester;
  signIn: SignIn;
  close(): void;
}

export function openClientAppCore(config: ClientAppConfig): ClientAppCore {
  const tokens = new TokenIssuer(config.jwtSecret, config.tokenTtlSeconds);
  const imageApi = new ImageApiClient(config.imageApiUrl);
  const history = new HistoryStore(config);
  const spool = UploadSpool.open(config, config.maxUploadBytes);
  const activity = new ActivityLog();
  const sender = new UploadSender({ tokens, imageApi, history });
  return {
    tokens,
    imageApi,
    history,
    activity,
    uploads: new UploadRelay({ sender, activity, spool }),
    jobs: new JobLookup({ tokens, imageApi, history, activity }),
    stressTests: new StressTester({ sender, activity, sampleImage: sampleJpeg, maxRuns: config.stressTestMaxRuns }),
    signIn: new SignIn({
      issuer: config.authIssuer,
      clientId: config.authClientId,
      clientSecret: config.authClientSecret,
      resource: config.authResource || config.imageApiUrl,
      fetch: reroutedFetch(config.authIssuer, config.authProviderUrl),
    }),
    close: () => {
      history.close();
      spool.close();
    },
  };
}
