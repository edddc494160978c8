"""boto3 against the S3 mock's event notification configuration.

Run by boto3-notifications.test.ts as: python3 boto3_notifications.py <endpoint-url>
Prints one JSON object describing what it saw; exits non-zero on any unexpected behaviour.
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError


def error_of(call, **params):
    try:
        call(**params)
    except ClientError as error:
        return [error.response["Error"]["Code"], error.response["Error"]["Message"],
                error.response["ResponseMetadata"]["HTTPStatusCode"]]
    raise AssertionError("expected an error")


def main(endpoint):
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test-key",
                      aws_secret_access_key="test-secret", region_name="eu-west-1")
    seen = {}
    s3.create_bucket(Bucket="boto-events", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    seen["before"] = {k: v for k, v in s3.get_bucket_notification_configuration(Bucket="boto-events").items()
                      if k != "ResponseMetadata"}
    configuration = {
        "QueueConfigurations": [{
            "Id": "uploads",
            "QueueArn": "arn:aws:sqs:eu-west-1:123456789012:standin",
            "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "uploads/"},
                                               {"Name": "suffix", "Value": ".jpg"}]}},
        }],
        "TopicConfigurations": [{
            "Id": "removals",
            "TopicArn": "arn:minio:sqs::standin:webhook",
            "Events": ["s3:ObjectRemoved:*"],
        }],
        "LambdaFunctionConfigurations": [{
            "Id": "tags",
            "LambdaFunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:standin",
            "Events": ["s3:ObjectTagging:*"],
        }],
    }
    s3.put_bucket_notification_configuration(Bucket="boto-events", NotificationConfiguration=configuration)
    read = s3.get_bucket_notification_configuration(Bucket="boto-events")
    seen["after"] = {k: v for k, v in read.items() if k != "ResponseMetadata"}
    seen["unknown_event"] = error_of(
        s3.put_bucket_notification_configuration, Bucket="boto-events",
        NotificationConfiguration={"QueueConfigurations": [{
            "QueueArn": "arn:aws:sqs:eu-west-1:123456789012:standin", "Events": ["s3:ObjectCreated:Teleport"]}]})
    seen["unknown_destination"] = error_of(
        s3.put_bucket_notification_configuration, Bucket="boto-events",
        NotificationConfiguration={"QueueConfigurations": [{
            "QueueArn": "arn:aws:sqs:eu-west-1:123456789012:nowhere", "Events": ["s3:ObjectCreated:*"]}]})
    seen["skipped_validation"] = s3.put_bucket_notification_configuration(
        Bucket="boto-events", SkipDestinationValidation=True,
        NotificationConfiguration={"QueueConfigurations": [{
            "QueueArn": "arn:aws:sqs:eu-west-1:123456789012:nowhere", "Events": ["s3:ObjectCreated:*"]}]},
    )["ResponseMetadata"]["HTTPStatusCode"]
    seen["missing_bucket"] = error_of(s3.get_bucket_notification_configuration, Bucket="no-such-bucket-here")[0]
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])
