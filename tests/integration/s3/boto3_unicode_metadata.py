"""boto3 sending user metadata beyond ASCII: as raw UTF-8 headers (as ceph/s3-tests' test_object_set_get_unicode_metadata does), and in a presigned query.

Run by boto3-unicode-metadata.test.ts as: python3 boto3_unicode_metadata.py <endpoint-url>
Prints one JSON object: the metadata each operation wrote and each read gave back, as botocore reads it.
"""
import io
import json
import sys
import urllib.request

import boto3
from botocore.config import Config
from botocore.handlers import validate_ascii_metadata

BUCKET = "test-bucket"


def client(endpoint, **config):
    s3 = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test-key", aws_secret_access_key="test-secret", region_name="eu-west-1", config=Config(**config)
    )
    # botocore refuses metadata beyond ASCII before sending it; s3-tests takes the check off, and
    # botocore then signs the header's UTF-8 bytes and sends them.
    for operation in ("PutObject", "CopyObject", "CreateMultipartUpload"):
        s3.meta.events.unregister(f"before-parameter-build.s3.{operation}", validate_ascii_metadata)
    return s3


def metadata(s3, key):
    return [s3.head_object(Bucket=BUCKET, Key=key)["Metadata"], s3.get_object(Bucket=BUCKET, Key=key)["Metadata"]]


def main(endpoint):
    s3 = client(endpoint)
    seen = {}

    def set_unicode_metadata(params, **_):
        params["headers"]["x-amz-meta-meta1"] = "Hello World\xe9"

    s3.meta.events.register("before-call.s3.PutObject", set_unicode_metadata)
    s3.put_object(Bucket=BUCKET, Key="unicode/put", Body=b"bar")
    s3.meta.events.unregister("before-call.s3.PutObject", set_unicode_metadata)
    seen["put"] = metadata(s3, "unicode/put")

    s3.copy_object(Bucket=BUCKET, Key="unicode/copied", CopySource=f"{BUCKET}/unicode/put")
    seen["copy"] = metadata(s3, "unicode/copied")
    s3.copy_object(Bucket=BUCKET, Key="unicode/replaced", CopySource=f"{BUCKET}/unicode/put", MetadataDirective="REPLACE", Metadata={"city": "Zürich"})
    seen["copy_replace"] = metadata(s3, "unicode/replaced")

    upload = s3.create_multipart_upload(Bucket=BUCKET, Key="unicode/multipart", Metadata={"meta1": "Hello World\xe9"})
    part = s3.upload_part(Bucket=BUCKET, Key="unicode/multipart", UploadId=upload["UploadId"], PartNumber=1, Body=io.BytesIO(b"part"))
    s3.complete_multipart_upload(
        Bucket=BUCKET, Key="unicode/multipart", UploadId=upload["UploadId"], MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]}
    )
    seen["multipart"] = metadata(s3, "unicode/multipart")

    # A SigV2 presigned URL carries the metadata in its query, percent-encoded UTF-8: read as text.
    url = client(endpoint, signature_version="s3").generate_presigned_url(
        "put_object", Params={"Bucket": BUCKET, "Key": "unicode/presigned", "Metadata": {"foo": "non-ascii-%E2%80%94_—_é_"}}
    )
    with urllib.request.urlopen(urllib.request.Request(url, method="PUT")) as response:
        response.read()
    seen["presigned_sigv2"] = metadata(s3, "unicode/presigned")

    # Metadata sent RFC 2047-encoded is stored decoded and answered as it came.
    s3.put_object(Bucket=BUCKET, Key="unicode/encoded", Body=b"bar", Metadata={"meta1": "=?UTF-8?Q?Hello_World=C3=A9?="})
    seen["encoded"] = metadata(s3, "unicode/encoded")
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])
