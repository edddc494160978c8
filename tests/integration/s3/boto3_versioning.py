"""boto3 against the S3 mock's versions and Object Lock.

Run by boto3-versioning.test.ts as: python3 boto3_versioning.py <endpoint-url>
Prints one JSON object describing what it saw; exits non-zero on any unexpected behaviour.
"""
import datetime
import json
import sys

import boto3
from botocore.exceptions import ClientError


def error_of(call, **params):
    try:
        call(**params)
    except ClientError as error:
        headers = error.response["ResponseMetadata"]["HTTPHeaders"]
        return [error.response["Error"]["Code"], headers.get("x-amz-delete-marker")]
    raise AssertionError("expected an error")


def main(endpoint):
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test-key",
                      aws_secret_access_key="test-secret", region_name="eu-west-1")
    seen = {}
    s3.create_bucket(Bucket="boto-versions")
    s3.put_bucket_versioning(Bucket="boto-versions",
                             VersioningConfiguration={"Status": "Enabled", "MFADelete": "Disabled"})
    versioning = s3.get_bucket_versioning(Bucket="boto-versions")
    seen["versioning"] = [versioning.get("Status"), versioning.get("MFADelete")]
    first = s3.put_object(Bucket="boto-versions", Key="k", Body=b"one")["VersionId"]
    second = s3.put_object(Bucket="boto-versions", Key="k", Body=b"two")["VersionId"]
    seen["old_body"] = s3.get_object(Bucket="boto-versions", Key="k", VersionId=first)["Body"].read().decode()
    marker = s3.delete_object(Bucket="boto-versions", Key="k")
    seen["marker"] = marker["DeleteMarker"]
    seen["head_after_delete"] = error_of(s3.head_object, Bucket="boto-versions", Key="k")
    listing = s3.list_object_versions(Bucket="boto-versions")
    seen["versions"] = [[v["VersionId"] == vid, v["IsLatest"]] for v, vid in zip(listing["Versions"], [second, first])]
    seen["markers"] = [[m["VersionId"] == marker["VersionId"], m["IsLatest"]] for m in listing["DeleteMarkers"]]
    s3.delete_object(Bucket="boto-versions", Key="k", VersionId=marker["VersionId"])
    seen["restored"] = s3.get_object(Bucket="boto-versions", Key="k")["Body"].read().decode()

    s3.create_bucket(Bucket="boto-locked", ObjectLockEnabledForBucket=True)
    until = datetime.datetime(2100, 1, 1, tzinfo=datetime.timezone.utc)
    locked = s3.put_object(Bucket="boto-locked", Key="k", Body=b"x", ObjectLockMode="GOVERNANCE",
                           ObjectLockRetainUntilDate=until)["VersionId"]
    retention = s3.get_object_retention(Bucket="boto-locked", Key="k")["Retention"]
    seen["retention"] = [retention["Mode"], retention["RetainUntilDate"] == until]
    seen["delete_locked"] = error_of(s3.delete_object, Bucket="boto-locked", Key="k", VersionId=locked)[0]
    bypassed = s3.delete_object(Bucket="boto-locked", Key="k", VersionId=locked, BypassGovernanceRetention=True)
    seen["bypassed"] = bypassed["ResponseMetadata"]["HTTPStatusCode"]
    seen["suspend_locked"] = error_of(s3.put_bucket_versioning, Bucket="boto-locked",
                                      VersioningConfiguration={"Status": "Suspended"})[0]
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])
