"""boto3 against the S3 mock's access control (S3_AUTH=strict, ACLs enabled, a second account).

Run by boto3-access.test.ts as: python3 boto3_access.py <endpoint-url> <alt-key> <alt-secret>
The owner's key comes from the environment. Prints one JSON object describing what it saw.
"""
import json
import sys

import boto3
import requests
from botocore.config import Config
from botocore.exceptions import ClientError


def client(endpoint, key=None, secret=None, **config):
    credentials = {"aws_access_key_id": key, "aws_secret_access_key": secret} if key else {}
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=Config(**config), **credentials)


def code(call, **params):
    try:
        call(**params)
        return "ok"
    except ClientError as error:
        return error.response["Error"]["Code"]


def main(endpoint, alt_key, alt_secret):
    owner = client(endpoint)
    alt = client(endpoint, alt_key, alt_secret)
    seen = {}

    owner.create_bucket(Bucket="boto-acl", ACL="public-read")
    acl = owner.get_bucket_acl(Bucket="boto-acl")
    seen["bucket_grants"] = sorted(f"{g['Grantee']['Type']}:{g['Permission']}" for g in acl["Grants"])
    seen["acl_names"] = sorted(set(acl["Owner"]) | {key for g in acl["Grants"] for key in g["Grantee"]})

    # A SigV2-signed CreateBucket with a LocationConstraint body.
    v2 = client(endpoint, signature_version="s3")
    v2.create_bucket(Bucket="boto-v2-located", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    seen["v2_location"] = owner.get_bucket_location(Bucket="boto-v2-located")["LocationConstraint"]

    owner.put_object(Bucket="boto-acl", Key="public/a.txt", Body=b"a")
    owner.put_object(Bucket="boto-acl", Key="private/b.txt", Body=b"b")
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::boto-acl/public/*"}],
    }
    owner.put_bucket_policy(Bucket="boto-acl", Policy=json.dumps(policy))
    seen["alt_public"] = alt.get_object(Bucket="boto-acl", Key="public/a.txt")["Body"].read().decode()
    seen["alt_private"] = code(alt.get_object, Bucket="boto-acl", Key="private/b.txt")
    seen["alt_put"] = code(alt.put_object, Bucket="boto-acl", Key="public/c.txt", Body=b"c")

    block = {"BlockPublicAcls": True, "IgnorePublicAcls": False, "BlockPublicPolicy": False, "RestrictPublicBuckets": False}
    owner.put_public_access_block(Bucket="boto-acl", PublicAccessBlockConfiguration=block)
    seen["block"] = owner.get_public_access_block(Bucket="boto-acl")["PublicAccessBlockConfiguration"]
    seen["blocked_acl"] = code(owner.put_object_acl, Bucket="boto-acl", Key="private/b.txt", ACL="public-read")

    owner.put_bucket_ownership_controls(Bucket="boto-acl", OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]})
    seen["ownership"] = owner.get_bucket_ownership_controls(Bucket="boto-acl")["OwnershipControls"]["Rules"][0]["ObjectOwnership"]
    seen["alt_buckets"] = [b["Name"] for b in alt.list_buckets()["Buckets"]]

    # A browser form upload, signed with the owner's key by boto3's generate_presigned_post.
    post = owner.generate_presigned_post("boto-acl", "uploads/${filename}", Fields={"success_action_status": "201"},
                                         Conditions=[["starts-with", "$key", "uploads/"], {"success_action_status": "201"}])
    answer = requests.post(post["url"], data=post["fields"], files={"file": ("photo.txt", b"form body")})
    seen["post_status"] = answer.status_code
    seen["post_body"] = owner.get_object(Bucket="boto-acl", Key="uploads/photo.txt")["Body"].read().decode()
    forged = dict(post["fields"], signature="AAAA" + post["fields"]["signature"][4:])
    seen["forged_post"] = requests.post(post["url"], data=forged, files={"file": ("x.txt", b"x")}).status_code
    print(json.dumps(seen))


if __name__ == "__main__":
    main(*sys.argv[1:4])
