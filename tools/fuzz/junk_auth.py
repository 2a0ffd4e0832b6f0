"""schemathesis hooks for `npm run fuzz`'s junk-authorization jobs (SCHEMATHESIS_HOOKS=this file).

Every request goes out with an Authorization header that is not a valid token: missing, empty,
another scheme, a token cut short, a token signed with another key or with alg "none", random
bytes, a very long header. The API must answer each with a 4xx (401, 400, 431, 429), never a
5xx, and must not let a fresh junk header per request escape its rate limit.
"""

import base64
import json
import os
import random

import schemathesis

_rng = random.Random(os.environ.get("FUZZ_SEED") or None)
_VALID = os.environ.get("FUZZ_VALID_TOKEN", "")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _jwt(header: dict, claims: dict, signature: bytes) -> str:
    return ".".join(
        [_b64(json.dumps(header).encode()), _b64(json.dumps(claims).encode()), _b64(signature)]
    )


def _junk() -> str | None:
    claims = {"sub": "intruder", "role": _rng.choice(["supervisor", "operator", "unit", "root"]), "exp": 4102444800}
    kinds = [
        lambda: None,
        lambda: "",
        lambda: "Bearer",
        lambda: "Bearer ",
        lambda: "bearer " + _b64(os.urandom(_rng.randint(1, 64))),
        lambda: "Basic " + base64.b64encode(b"admin:admin").decode(),
        lambda: "Token " + _b64(os.urandom(16)),
        lambda: "Bearer " + _jwt({"alg": "none", "typ": "JWT"}, claims, b""),
        lambda: "Bearer " + _jwt({"alg": "HS256", "typ": "JWT"}, claims, os.urandom(32)),
        lambda: "Bearer " + _jwt({"alg": "RS256", "kid": "../../etc/passwd"}, claims, os.urandom(256)),
        lambda: "Bearer " + _jwt({"alg": "HS256"}, {"sub": 1, "role": None, "exp": "soon"}, os.urandom(32)),
        lambda: "Bearer " + "a.b.c",
        lambda: "Bearer " + ".".join(_b64(os.urandom(_rng.randint(0, 40))) for _ in range(_rng.randint(1, 5))),
        lambda: "Bearer " + (_VALID[: _rng.randint(1, max(1, len(_VALID) - 1))] if _VALID else "x"),
        lambda: "Bearer " + (_VALID + _b64(os.urandom(2)) if _VALID else "y"),
        lambda: "Bearer " + "A" * _rng.choice([1024, 8192, 12000]),
        lambda: "Bearer " + "".join(chr(_rng.randint(0x21, 0xFF)) for _ in range(_rng.randint(1, 200))),
        lambda: "Bearer " + _VALID + " " + _VALID if _VALID else "Bearer  ",
    ]
    return _rng.choice(kinds)()


@schemathesis.hook
def before_call(context, case, kwargs):
    # The junk jobs pass no --header: the case's own headers are all the request has.
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    junk = _junk()
    if junk is not None:
        headers["Authorization"] = junk
    case.headers = headers
