"""Access tokens: what they hold, and every token that must be refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from auth.errors import SESSION_EXPIRED, SESSION_INVALID, InvalidTokenError
from auth.keys import public_key_pem
from auth.tokens import (
    AUDIENCE,
    ISSUER,
    issue_access_token,
    new_refresh_token,
    token_hash,
    verify_access_token,
)


def b64(data: bytes) -> str:
    """Base64url without padding, as JWTs use."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def handmade_token(header: dict, claims: dict, sign) -> str:
    """A JWT put together by hand, signed by ``sign(signing_input)``."""
    signing_input = (
        f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    )
    return f"{signing_input}.{b64(sign(signing_input.encode()))}"


def claims_for(user_id: int = 7, **changes) -> dict:
    """Valid claims for one hour from now, with ``changes`` applied."""
    now = int(datetime.now(UTC).timestamp())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(user_id),
        "iat": now,
        "exp": now + 3600,
        "jti": "abc",
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def test_a_token_names_its_user_and_lasts_one_hour(keys):
    now = datetime.now(UTC).replace(microsecond=0)

    token = issue_access_token(keys, 42, now=now)
    claims = verify_access_token(keys.public_key, token)
    header = jwt.get_unverified_header(token)
    payload = jwt.decode(token, options={"verify_signature": False})

    assert header["alg"] == "RS256"
    assert claims.user_id == 42
    assert claims.expires_at == now + timedelta(hours=1)
    assert payload["sub"] == "42"
    assert {"iss", "aud", "sub", "iat", "exp", "jti"} <= payload.keys()


def test_two_tokens_have_different_ids(keys):
    first = verify_access_token(keys.public_key, issue_access_token(keys, 1))
    second = verify_access_token(keys.public_key, issue_access_token(keys, 1))

    assert first.token_id != second.token_id


def test_a_token_expired_a_few_seconds_ago_is_still_accepted(keys):
    now = datetime.now(UTC)
    token = issue_access_token(keys, 1, now=now - timedelta(hours=1, seconds=3))

    assert verify_access_token(keys.public_key, token).user_id == 1


def forged_tokens(keys, other_keys) -> dict[str, tuple[str, str]]:
    """Tokens that must be refused, each with the message it gets."""
    public_pem = public_key_pem(keys.public_key)
    late = datetime.now(UTC) - timedelta(hours=2)
    return {
        "signed with another key": (
            issue_access_token(other_keys, 7),
            SESSION_INVALID,
        ),
        "HS256 with the public key as secret": (
            handmade_token(
                {"alg": "HS256", "typ": "JWT"},
                claims_for(),
                lambda data: hmac.new(public_pem, data, hashlib.sha256).digest(),
            ),
            SESSION_INVALID,
        ),
        "alg none": (
            handmade_token({"alg": "none", "typ": "JWT"}, claims_for(), lambda d: b""),
            SESSION_INVALID,
        ),
        "expired": (issue_access_token(keys, 7, now=late), SESSION_EXPIRED),
        "another audience": (
            jwt.encode(claims_for(aud="elsewhere"), keys.private_key, "RS256"),
            SESSION_INVALID,
        ),
        "another issuer": (
            jwt.encode(claims_for(iss="elsewhere"), keys.private_key, "RS256"),
            SESSION_INVALID,
        ),
        "no token id": (
            jwt.encode(claims_for(jti=None), keys.private_key, "RS256"),
            SESSION_INVALID,
        ),
        "no expiry": (
            jwt.encode(claims_for(exp=None), keys.private_key, "RS256"),
            SESSION_INVALID,
        ),
        "subject not a user id": (
            jwt.encode(claims_for(sub="admin"), keys.private_key, "RS256"),
            SESSION_INVALID,
        ),
        "subject too large": (
            jwt.encode(claims_for(sub="9" * 40), keys.private_key, "RS256"),
            SESSION_INVALID,
        ),
        "RS512 with the right key": (
            jwt.encode(claims_for(), keys.private_key, "RS512"),
            SESSION_INVALID,
        ),
        "garbage": ("not.a.token", SESSION_INVALID),
        "empty": ("", SESSION_INVALID),
    }


CASES = [
    "signed with another key",
    "HS256 with the public key as secret",
    "alg none",
    "expired",
    "another audience",
    "another issuer",
    "no token id",
    "no expiry",
    "subject not a user id",
    "subject too large",
    "RS512 with the right key",
    "garbage",
    "empty",
]


@pytest.mark.parametrize("case", CASES)
def test_a_bad_token_is_refused_with_its_message(keys, other_keys, case):
    token, message = forged_tokens(keys, other_keys)[case]

    with pytest.raises(InvalidTokenError) as error:
        verify_access_token(keys.public_key, token)

    assert str(error.value) == message


def test_a_refresh_token_is_64_random_bytes_kept_as_sha256():
    token = new_refresh_token()

    assert len(base64.urlsafe_b64decode(token + "==")) == 64
    assert token != new_refresh_token()
    assert token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
