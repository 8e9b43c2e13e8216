"""The RS256 key pair and the cookie key: from settings, else made once.

Keys given in the settings (``STRIDE_JWT_PRIVATE_KEY`` and
``STRIDE_JWT_PUBLIC_KEY``, or their ``_FILE`` variants) are used as they
are. Without them a key pair is generated into the data folder on the
first start and read back on every later one. Files are written to a
temporary name and linked into place, so that two processes starting at
once end up with the same key, and the secret files are created with
mode 0600 rather than narrowed afterwards.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from auth.errors import (
    KEY_PAIR_INCOMPLETE,
    KEY_PAIR_MISMATCH,
    KEY_UNUSABLE,
    KeyConfigError,
)
from settings import Settings

logger = logging.getLogger(__name__)

PRIVATE_KEY_FILE = "jwt-private-key.pem"
PUBLIC_KEY_FILE = "jwt-public-key.pem"
COOKIE_KEY_FILE = "cookie-key"
RSA_KEY_BITS = 2048
SECRET_FILE_MODE = 0o600
PUBLIC_FILE_MODE = 0o644


@dataclass(frozen=True)
class KeyPair:
    """Private key to sign access tokens and public key to verify them."""

    private_key: rsa.RSAPrivateKey = field(repr=False)
    public_key: rsa.RSAPublicKey


def load_keys(settings: Settings) -> KeyPair:
    """The key pair of the settings, else the one in the data folder."""
    if settings.jwt_private_key is None:
        if settings.jwt_public_key is not None:
            raise KeyConfigError(KEY_PAIR_INCOMPLETE)
        return _data_folder_keys(settings.data_dir)

    private_key = _private_key(settings.jwt_private_key.encode("utf-8"))
    if settings.jwt_public_key is None:
        return KeyPair(private_key, private_key.public_key())

    public_key = _public_key(settings.jwt_public_key.encode("utf-8"))
    if public_key.public_numbers() != private_key.public_key().public_numbers():
        raise KeyConfigError(KEY_PAIR_MISMATCH)
    return KeyPair(private_key, public_key)


def load_cookie_key(settings: Settings) -> str:
    """Secret that signs the remembered-login cookie; made once if unset."""
    if settings.cookie_key is not None:
        return settings.cookie_key.strip()
    path = settings.data_dir / COOKIE_KEY_FILE
    if not path.exists():
        _create_once(path, secrets.token_urlsafe(48).encode("ascii"), SECRET_FILE_MODE)
    _warn_if_readable_by_others(path)
    return path.read_text(encoding="ascii").strip()


def private_key_pem(private_key: rsa.RSAPrivateKey) -> bytes:
    """PKCS#8 PEM text of a private key, unencrypted."""
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_key_pem(public_key: rsa.RSAPublicKey) -> bytes:
    """SubjectPublicKeyInfo PEM text of a public key."""
    return public_key.public_bytes(
        serialization.Encoding.PEM,
        serialization.PublicFormat.SubjectPublicKeyInfo,
    )


def _data_folder_keys(data_dir: Path) -> KeyPair:
    private_path = data_dir / PRIVATE_KEY_FILE
    if not private_path.exists():
        new_key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
        if _create_once(private_path, private_key_pem(new_key), SECRET_FILE_MODE):
            logger.info("generated a new JWT key pair", extra={"folder": str(data_dir)})
    _warn_if_readable_by_others(private_path)

    # The public key is always derived from the private one, so a public
    # file left by another process can never disagree with it.
    private_key = _private_key(private_path.read_bytes())
    public_key = private_key.public_key()
    public_path = data_dir / PUBLIC_KEY_FILE
    if not public_path.exists():
        _create_once(public_path, public_key_pem(public_key), PUBLIC_FILE_MODE)
    return KeyPair(private_key, public_key)


def _create_once(path: Path, content: bytes, mode: int) -> bool:
    """Write ``path`` unless it exists; False when another process won."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        # link() fails if the name exists: the first complete file wins.
        os.link(temporary, path)
        return True
    except FileExistsError:
        return False
    finally:
        temporary.unlink(missing_ok=True)


def _warn_if_readable_by_others(path: Path) -> None:
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        logger.warning(
            "key file readable by other users; it should be mode 0600",
            extra={"path": str(path)},
        )


def _private_key(pem: bytes) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyConfigError(KEY_UNUSABLE) from exc
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < RSA_KEY_BITS:
        raise KeyConfigError(KEY_UNUSABLE)
    return key


def _public_key(pem: bytes) -> rsa.RSAPublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise KeyConfigError(KEY_UNUSABLE) from exc
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < RSA_KEY_BITS:
        raise KeyConfigError(KEY_UNUSABLE)
    return key
