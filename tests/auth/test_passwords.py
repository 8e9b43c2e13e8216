"""Password rules and hashing: 8 characters to 72 bytes, bcrypt cost 12."""

from __future__ import annotations

import pytest

from auth.errors import PASSWORD_TOO_LONG, PASSWORD_TOO_SHORT
from auth.passwords import hash_password, password_problems, verify_password


@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("a" * 8, []),
        ("a" * 72, []),
        ("é" * 36, []),
        ("a" * 7, [PASSWORD_TOO_SHORT]),
        ("a" * 73, [PASSWORD_TOO_LONG]),
        ("é" * 37, [PASSWORD_TOO_LONG]),
        ("€" * 25, [PASSWORD_TOO_LONG]),
        ("🏃" * 18, []),
        ("🏃" * 19, [PASSWORD_TOO_LONG]),
        ("🏃" * 7, [PASSWORD_TOO_SHORT]),
    ],
)
def test_password_rules_count_characters_and_utf8_bytes(password, problems):
    assert password_problems(password) == problems


def test_a_hash_uses_bcrypt_cost_12_and_verifies():
    password_hash = hash_password("correct horse")

    assert password_hash.startswith("$2b$12$")
    assert verify_password("correct horse", password_hash)
    assert not verify_password("correct horsE", password_hash)


def test_an_accent_typed_as_two_characters_is_the_same_password():
    password_hash = hash_password("caf\u00e9-au-lait")

    assert verify_password("cafe\u0301-au-lait", password_hash)


def test_an_overlong_password_is_refused_not_cut_at_sign_in():
    password_hash = hash_password("a" * 72)

    assert verify_password("a" * 72, password_hash)
    assert not verify_password("a" * 72 + "b", password_hash)


def test_checking_without_a_hash_fails_after_the_same_work():
    assert not verify_password("anything at all", None)
