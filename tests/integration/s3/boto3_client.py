"""boto3 against the S3 mock: put/get/list/delete, a presigned URL, metadata and an error.

Run by boto3-client.test.ts as: python3 boto3_client.py <endpoint-url>
Prints one JSON object describing what it saw; exits non-zero on any unexpected behaviour.
"""
import json
import sys
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def client(endpoint, **config):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
        region_name="eu-west-1",
        config=Config(**config),
    )


def presigned_get(endpoint, signature_version):
    url = client(endpoint, signature_version=signature_version).generate_presigned_url(
        "get_object", Params={"Bucket": "test-bucket", "Key": "boto/data.bin"}, ExpiresIn=60
    )
    with urllib.request.urlopen(url) as response:
        body = response.read()
    kind = "sigv2" if "AWSAccessKeyId=" in url else "sigv4" if "X-Amz-Signature=" in url else "unsigned"
    return {"query": kind, "body": body}


def main(endpoint):
    s3 = client(endpoint)
    seen = {}
    payload = bytes(range(256)) * 4096  # 1 MiB, every byte value
    s3.put_object(Bucket="test-bucket", Key="boto/data.bin", Body=payload, ContentType="application/x-test", Metadata={"owner": "boto"})
    got = s3.get_object(Bucket="test-bucket", Key="boto/data.bin")
    seen["roundtrip"] = got["Body"].read() == payload
    seen["content_type"] = got["ContentType"]
    seen["metadata"] = got["Metadata"]

    s3.upload_fileobj(__import__("io").BytesIO(payload * 10), "test-bucket", "boto/managed.bin")  # 10 MiB: multipart
    managed = s3.get_object(Bucket="test-bucket", Key="boto/managed.bin")
    seen["managed_upload"] = managed["Body"].read() == payload * 10
    seen["managed_etag_parts"] = managed["ETag"].strip('"').split("-")[-1]

    # A file name beyond ASCII travels as UTF-8 bytes, which botocore reads as Latin-1.
    as_utf8 = lambda text: text.encode("latin-1").decode("utf-8", errors="replace")
    s3.put_object(Bucket="test-bucket", Key="boto/named.txt", Body=b"named", ContentDisposition='attachment; filename="ü.txt"')
    seen["content_disposition"] = [
        as_utf8(s3.get_object(Bucket="test-bucket", Key="boto/named.txt")["ContentDisposition"]),
        as_utf8(s3.head_object(Bucket="test-bucket", Key="boto/named.txt")["ContentDisposition"]),
        # A response-* override is served in ISO-8859-1 ('é' one byte, as botocore reads it) or refused.
        s3.get_object(Bucket="test-bucket", Key="boto/named.txt", ResponseContentDisposition='inline; filename="é.txt"')["ContentDisposition"],
        s3.head_object(Bucket="test-bucket", Key="boto/named.txt", ResponseContentDisposition='inline; filename="é.txt"')["ContentDisposition"],
    ]
    try:
        s3.get_object(Bucket="test-bucket", Key="boto/named.txt", ResponseContentDisposition='inline; filename="✓.txt"')
        seen["override_beyond_latin1"] = "served"
    except ClientError as error:
        seen["override_beyond_latin1"] = {name: error.response["Error"].get(name) for name in ("Code", "Message", "ArgumentName", "ArgumentValue")}
    s3.delete_object(Bucket="test-bucket", Key="boto/named.txt")

    listed = s3.list_objects_v2(Bucket="test-bucket", Prefix="boto/")
    seen["listed"] = [item["Key"] for item in listed.get("Contents", [])]
    # boto3 asks for encoding-type=url and decodes what S3 encodes (a V1 Prefix it leaves alone).
    seen["prefixes_echoed"] = [
        s3.list_objects(Bucket="test-bucket", Prefix="a b/")["Prefix"],
        s3.list_objects_v2(Bucket="test-bucket", Prefix="a b/")["Prefix"],
        s3.list_object_versions(Bucket="test-bucket", Prefix="a b/")["Prefix"],
    ]

    for version in ("s3", "s3v4"):
        presigned = presigned_get(endpoint, version)
        seen[f"presigned_{version}"] = [presigned["query"], presigned["body"] == payload]
    default_url = s3.generate_presigned_url("get_object", Params={"Bucket": "test-bucket", "Key": "boto/data.bin"}, ExpiresIn=60)
    with urllib.request.urlopen(default_url) as response:
        seen["presigned_default"] = response.read() == payload

    # A SigV2 presigned PUT carries its x-amz-* headers in the query: a plain PUT stores them.
    put_url = client(endpoint, signature_version="s3").generate_presigned_url(
        "put_object", Params={"Bucket": "test-bucket", "Key": "boto/presigned-put.txt", "ContentType": "text/plain", "Metadata": {"owner": "presigner"}},
        ExpiresIn=60,
    )
    put_request = urllib.request.Request(put_url, data=b"put", method="PUT", headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(put_request) as response:
        response.read()
    seen["presigned_put_metadata"] = s3.head_object(Bucket="test-bucket", Key="boto/presigned-put.txt")["Metadata"]
    s3.delete_object(Bucket="test-bucket", Key="boto/presigned-put.txt")

    s3.delete_object(Bucket="test-bucket", Key="boto/data.bin")
    try:
        s3.head_object(Bucket="test-bucket", Key="boto/data.bin")
        seen["after_delete"] = "still there"
    except ClientError as error:
        seen["after_delete"] = error.response["Error"]["Code"]
    try:
        s3.get_object(Bucket="test-bucket", Key="boto/missing")
    except ClientError as error:
        seen["missing_code"] = error.response["Error"]["Code"]
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])
