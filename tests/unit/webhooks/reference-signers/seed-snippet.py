# The seed README's "Generate HMAC Signature" snippet, verbatim.
import hmac
import hashlib
import json

payload = {"event_type": "image.processed", "image_id": "123"}
secret = "webhook-secret-123"
signature = hmac.new(
    secret.encode(),
    json.dumps(payload).encode(),
    hashlib.sha256
).hexdigest()
print(f"X-Webhook-Signature: {signature}")
