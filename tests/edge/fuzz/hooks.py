"""Schemathesis hooks for proseo's API fuzzing (loaded through SCHEMATHESIS_HOOKS).

The API answers 422 (400 for an unreadable CSV body) to a request its schema accepts only for
rules JSON Schema cannot state (a GTIN checksum, a template's syntax, a CSV's columns…), and
each operation lists those codes in the document as `x-semantic-errors`. The built-in
`positive_data_acceptance` check is told to accept 400 and 422 (schemathesis.toml); this check
makes sure every such answer carries only a listed code, so a schema that says less than the
API enforces still fails the run.
"""

import hashlib
import hmac
import json
import os
import random
import time
import uuid

import schemathesis

# Every request comes from its own client address: the API throttles failed authentication
# per address (tested on its own in hardening.test.mjs), and the fuzzer sends invalid
# credentials on purpose, which would otherwise turn the rest of the run into 429s.
_addresses = random.Random(20261205)


# Webhook deliveries (POST /api/v1/webhooks/{source}) are authenticated by an HMAC signature of
# the raw body, which no static credential can be: every such request is signed here, with the
# fuzz tenant's webhook secret, over the exact bytes sent (and a fresh delivery id, so no two
# are the same delivery). The operation's body handling is then fuzzed like any other.
_WEBHOOK_ID = os.environ.get("PROSEO_FUZZ_WEBHOOK_ID")
_WEBHOOK_SECRET = os.environ.get("PROSEO_FUZZ_WEBHOOK_SECRET")


def _sign_webhook(case, kwargs):
    body = case.body
    if type(body).__name__ == "NotSet":
        raw = b""
    elif isinstance(body, (bytes, bytearray)):
        # A body schemathesis generated as raw bytes (another media type): signed as sent.
        raw = bytes(body)
    else:
        # Bytes inside a generated body are sent as text (what is signed is what is sent).
        raw = json.dumps(body, default=lambda o: bytes(o).decode("utf-8", "replace")).encode()
    ts = str(int(time.time()))
    mac = hmac.new(_WEBHOOK_SECRET.encode(), ts.encode() + b"." + raw, hashlib.sha256).hexdigest()
    case.headers["X-Proseo-Webhook-Id"] = _WEBHOOK_ID
    case.headers["X-Proseo-Timestamp"] = ts
    case.headers["X-Proseo-Signature"] = "sha256=" + mac
    case.headers["X-Proseo-Delivery"] = str(uuid.uuid4())
    case.headers.setdefault("Content-Type", "application/json")
    kwargs["data"] = raw


@schemathesis.hook
def before_call(context, case, kwargs):
    case.headers = dict(case.headers or {})
    case.headers["CF-Connecting-IP"] = "10.%d.%d.%d" % tuple(_addresses.randint(1, 250) for _ in range(3))
    if case.operation.path.startswith("/api/v1/webhooks/") and _WEBHOOK_SECRET:
        _sign_webhook(case, kwargs)


def _codes(body):
    error = body.get("error") or {}
    code = error.get("code")
    if code != "validation_failed":
        return [code]
    fields = (error.get("details") or {}).get("fields") or []
    return [f.get("code") for f in fields] or [code]


@schemathesis.check
def semantic_422_only(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code not in (400, 422):
        return None
    allowed = set(case.operation.definition.raw.get("x-semantic-errors") or [])
    try:
        body = json.loads(response.text)
    except ValueError as exc:
        raise AssertionError(f"{response.status_code} without a JSON error body: {response.text[:200]}") from exc
    codes = _codes(body)
    unlisted = [c for c in codes if c not in allowed]
    if unlisted:
        raise AssertionError(
            "a schema-valid request was refused with codes the document does not list as "
            f"semantic for this operation: {unlisted} (x-semantic-errors: {sorted(allowed)}); "
            f"body: {response.text[:400]}"
        )
    return None
