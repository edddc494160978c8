/**
 * Every action Amazon S3 defines for IAM policies (service prefix `s3`), the ones the mock serves
 * and the ones it does not: PutBucketPolicy refuses an action that names none of them ("Policy has
 * invalid action"). API operation names that are no IAM action (s3:HeadBucket, s3:HeadObject,
 * s3:ListObjects: they are authorized as s3:ListBucket and s3:GetObject) are not here.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
import { wildcardMatches } from './wildcards';

const S3_ACTION_NAMES: readonly string[] = `
  AbortMultipartUpload AssociateAccessGrantsIdentityCenter BypassGovernanceRetention
  CreateAccessGrant CreateAccessGrantsInstance CreateAccessGrantsLocation CreateAccessPoint
  CreateAccessPointForObjectLambda CreateBucket CreateBucketMetadataTableConfiguration CreateJob
  CreateMultiRegionAccessPoint CreateStorageLensGroup
  DeleteAccessGrant DeleteAccessGrantsInstance DeleteAccessGrantsInstanceResourcePolicy
  DeleteAccessGrantsLocation DeleteAccessPoint DeleteAccessPointForObjectLambda DeleteAccessPointPolicy
  DeleteAccessPointPolicyForObjectLambda DeleteBucket DeleteBucketMetadataTableConfiguration
  DeleteBucketPolicy DeleteBucketWebsite DeleteJobTagging DeleteMultiRegionAccessPoint DeleteObject
  DeleteObjectTagging DeleteObjectVersion DeleteObjectVersionTagging DeleteStorageLensConfiguration
  DeleteStorageLensConfigurationTagging DeleteStorageLensGroup DescribeJob
  DescribeMultiRegionAccessPointOperation DissociateAccessGrantsIdentityCenter
  GetAccelerateConfiguration GetAccessGrant GetAccessGrantsInstance GetAccessGrantsInstanceForPrefix
  GetAccessGrantsInstanceResourcePolicy GetAccessGrantsLocation GetAccessPoint
  GetAccessPointConfigurationForObjectLambda GetAccessPointForObjectLambda GetAccessPointPolicy
  GetAccessPointPolicyForObjectLambda GetAccessPointPolicyStatus GetAccessPointPolicyStatusForObjectLambda
  GetAccountPublicAccessBlock GetAnalyticsConfiguration GetBucketAbac GetBucketAcl GetBucketCORS
  GetBucketLocation GetBucketLogging GetBucketMetadataTableConfiguration GetBucketNotification
  GetBucketObjectLockConfiguration GetBucketOwnershipControls GetBucketPolicy GetBucketPolicyStatus
  GetBucketPublicAccessBlock GetBucketRequestPayment GetBucketTagging GetBucketVersioning
  GetBucketWebsite GetDataAccess GetEncryptionConfiguration GetIntelligentTieringConfiguration
  GetInventoryConfiguration GetIpConfiguration GetJobTagging GetLifecycleConfiguration
  GetMetricsConfiguration GetMultiRegionAccessPoint GetMultiRegionAccessPointPolicy
  GetMultiRegionAccessPointPolicyStatus GetMultiRegionAccessPointRoutes GetObject GetObjectAcl
  GetObjectAttributes GetObjectLegalHold GetObjectRetention GetObjectTagging GetObjectTorrent
  GetObjectVersion GetObjectVersionAcl GetObjectVersionAttributes GetObjectVersionForReplication
  GetObjectVersionTagging GetObjectVersionTorrent GetReplicationConfiguration GetStorageLensConfiguration
  GetStorageLensConfigurationTagging GetStorageLensDashboard GetStorageLensGroup
  InitiateReplication
  ListAccessGrants ListAccessGrantsInstances ListAccessGrantsLocations ListAccessPoints
  ListAccessPointsForObjectLambda ListAllMyBuckets ListBucket ListBucketByTags ListBucketMultipartUploads
  ListBucketVersions ListCallerAccessGrants ListJobs ListMultiRegionAccessPoints ListMultipartUploadParts
  ListStorageLensConfigurations ListStorageLensGroups ListTagsForResource
  ObjectOwnerOverrideToBucketOwner PauseReplication
  PutAccelerateConfiguration PutAccessGrantsInstanceResourcePolicy PutAccessPointConfigurationForObjectLambda
  PutAccessPointPolicy PutAccessPointPolicyForObjectLambda PutAccessPointPublicAccessBlock
  PutAccountPublicAccessBlock PutAnalyticsConfiguration PutBucketAbac PutBucketAcl PutBucketCORS
  PutBucketLogging PutBucketNotification PutBucketObjectLockConfiguration PutBucketOwnershipControls
  PutBucketPolicy PutBucketPublicAccessBlock PutBucketRequestPayment PutBucketTagging PutBucketVersioning
  PutBucketWebsite PutEncryptionConfiguration PutIntelligentTieringConfiguration PutInventoryConfiguration
  PutIpConfiguration PutJobTagging PutLifecycleConfiguration PutMetricsConfiguration
  PutMultiRegionAccessPointPolicy PutObject PutObjectAcl PutObjectLegalHold PutObjectRetention
  PutObjectTagging PutObjectVersionAcl PutObjectVersionTagging PutReplicationConfiguration
  PutStorageLensConfiguration PutStorageLensConfigurationTagging
  ReplicateDelete ReplicateObject ReplicateTags RestoreObject SubmitMultiRegionAccessPointRoutes
  TagResource UntagResource UpdateAccessGrantsLocation UpdateBucketMetadataInventoryTableConfiguration
  UpdateBucketMetadataJournalTableConfiguration UpdateJobPriority UpdateJobStatus UpdateObjectEncryption
  UpdateStorageLensGroup
`.trim().split(/\s+/).map((name) => `s3:${name}`);

/** `*`, or an action (with IAM's wildcards, in any case) that names at least one S3 action. */
export function namesS3Action(pattern: string): boolean {
  return pattern === '*' || S3_ACTION_NAMES.some((name) => wildcardMatches(pattern, name, true));
}
