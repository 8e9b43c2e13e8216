"""RS256 access tokens, and the random refresh tokens kept only as hashes.

Access tokens are verified with the public key and RS256 only: a token
signed with another key, an HS256 token made with the public key as its
secret, ``alg: none``, an expired token and one for another issuer or
audience all raise ``InvalidTokenError``.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from auth.errors import SESSION_EXPIRED, SESSION_INVALID, InvalidTokenError
from auth.keys import KeyPair

ALGORITHM = "RS256"
ISSUER = "stride"
AUDIENCE = "stride"
ACCESS_TOKEN_LIFETIME = timedelta(hours=1)
REFRESH_TOKEN_LIFETIME = timedelta(days=30)
# Clocks of two replicas may differ by a few seconds.
LEEWAY_SECONDS = 10
REQUIRED_CLAIMS = ["iss", "aud", "sub", "iat", "exp", "jti"]
REFRESH_TOKEN_BYTES = 64
# Largest id a database integer holds; a bigger subject is not ours.
MAX_USER_ID = 2**63 - 1


@dataclass(frozen=True)
class AccessClaims:
    """What a verified access token says: whose it is and until when."""

    user_id: int
    token_id: str
    expires_at: datetime


def issue_access_token(
    keys: KeyPair, user_id: int, *, now: datetime | None = None
) -> str:
    """Signed access token for ``user_id``, valid for one hour."""
    issued = now or datetime.now(UTC)
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(user_id),
        "iat": issued,
        "exp": issued + ACCESS_TOKEN_LIFETIME,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, keys.private_key, algorithm=ALGORITHM)


def verify_access_token(public_key: rsa.RSAPublicKey, token: object) -> AccessClaims:
    """Claims of a valid access token; ``InvalidTokenError`` otherwise."""
    if not isinstance(token, str) or not token:
        raise InvalidTokenError(SESSION_INVALID)
    try:
        claims = jwt.decode(
            token,
            public_key,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            leeway=LEEWAY_SECONDS,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError:
        raise InvalidTokenError(SESSION_EXPIRED) from None
    except jwt.PyJWTError:
        raise InvalidTokenError(SESSION_INVALID) from None

    subject = claims["sub"]
    if not (isinstance(subject, str) and subject.isascii() and subject.isdigit()):
        raise InvalidTokenError(SESSION_INVALID)
    if not 0 < int(subject) <= MAX_USER_ID:
        raise InvalidTokenError(SESSION_INVALID)
    return AccessClaims(
        user_id=int(subject),
        token_id=str(claims["jti"]),
        expires_at=datetime.fromtimestamp(claims["exp"], UTC),
    )


def new_refresh_token() -> str:
    """A fresh refresh token: 64 random bytes, URL-safe text."""
    return secrets.token_urlsafe(REFRESH_TOKEN_BYTES)


def token_hash(token: str) -> str:
    """SHA-256 of a token, the only form in which the database keeps it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
