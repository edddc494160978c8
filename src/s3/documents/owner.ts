/** The one account the mock has: every bucket, object and upload is owned by it. */
export const OWNER = {
  ID: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a',
  DisplayName: 'standin',
};
