"""Where the keys come from: the settings, or files made once in the data folder."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from auth.errors import (
    KEY_PAIR_INCOMPLETE,
    KEY_PAIR_MISMATCH,
    KEY_UNUSABLE,
    KeyConfigError,
)
from auth.keys import (
    COOKIE_KEY_FILE,
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    load_cookie_key,
    load_keys,
    private_key_pem,
    public_key_pem,
)
from auth.tokens import issue_access_token, verify_access_token
from settings import load_settings


def settings_for(data_dir, **environ):
    """Settings from a made-up environment, data in ``data_dir``."""
    return load_settings({"STRIDE_DATA_DIR": str(data_dir), **environ}, {})


def public_numbers(keys):
    """What identifies a key pair."""
    return keys.public_key.public_numbers()


def mode(path) -> int:
    """Permission bits of a file."""
    return stat.S_IMODE(path.stat().st_mode)


def test_without_settings_a_pair_is_made_once_and_reused(tmp_path):
    data_dir = tmp_path / "data"

    first = load_keys(settings_for(data_dir))
    second = load_keys(settings_for(data_dir))

    assert public_numbers(first) == public_numbers(second)
    assert first.private_key.key_size == 2048
    assert mode(data_dir / PRIVATE_KEY_FILE) == 0o600
    assert mode(data_dir / PUBLIC_KEY_FILE) == 0o644
    assert sorted(p.name for p in data_dir.iterdir()) == sorted(
        [PRIVATE_KEY_FILE, PUBLIC_KEY_FILE]
    )


def test_the_private_key_file_is_created_0600_even_with_a_lax_umask(tmp_path):
    old = os.umask(0)
    try:
        load_keys(settings_for(tmp_path))
    finally:
        os.umask(old)

    assert mode(tmp_path / PRIVATE_KEY_FILE) == 0o600


def _load_in_child(data_dir: str, start, results) -> None:
    start.wait(30)
    keys = load_keys(settings_for(data_dir))
    results.put(keys.public_key.public_numbers().n)


def test_processes_starting_at_once_end_up_with_one_pair(tmp_path):
    context = multiprocessing.get_context("spawn")
    results, start = context.Queue(), context.Event()
    children = [
        context.Process(target=_load_in_child, args=(str(tmp_path), start, results))
        for _ in range(4)
    ]
    for child in children:
        child.start()
    time.sleep(2)  # let every child import and reach the start line
    start.set()
    for child in children:
        child.join(60)

    moduli = {results.get(timeout=5) for _ in children}
    on_disk = load_keys(settings_for(tmp_path))

    assert moduli == {on_disk.public_key.public_numbers().n}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_keys_in_the_settings_are_used_and_nothing_is_written(tmp_path):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings = settings_for(
        tmp_path,
        STRIDE_JWT_PRIVATE_KEY=private_key_pem(private).decode(),
        STRIDE_JWT_PUBLIC_KEY=public_key_pem(private.public_key()).decode(),
    )

    keys = load_keys(settings)
    token = issue_access_token(keys, 5)

    assert public_numbers(keys) == private.public_key().public_numbers()
    assert verify_access_token(private.public_key(), token).user_id == 5
    assert list(tmp_path.iterdir()) == []


def test_key_files_named_in_the_settings_are_read(tmp_path):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (tmp_path / "private.pem").write_bytes(private_key_pem(private))
    (tmp_path / "public.pem").write_bytes(public_key_pem(private.public_key()))
    settings = settings_for(
        tmp_path / "data",
        STRIDE_JWT_PRIVATE_KEY_FILE=str(tmp_path / "private.pem"),
        STRIDE_JWT_PUBLIC_KEY_FILE=str(tmp_path / "public.pem"),
    )

    assert public_numbers(load_keys(settings)) == private.public_key().public_numbers()


def bad_settings(tmp_path) -> dict[str, tuple[dict[str, str], str]]:
    """Key settings that cannot work, with the message each one gets."""
    one = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    two = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    return {
        "public key alone": (
            {"STRIDE_JWT_PUBLIC_KEY": public_key_pem(one.public_key()).decode()},
            KEY_PAIR_INCOMPLETE,
        ),
        "keys of two pairs": (
            {
                "STRIDE_JWT_PRIVATE_KEY": private_key_pem(one).decode(),
                "STRIDE_JWT_PUBLIC_KEY": public_key_pem(two.public_key()).decode(),
            },
            KEY_PAIR_MISMATCH,
        ),
        "1024-bit key": (
            {"STRIDE_JWT_PRIVATE_KEY": private_key_pem(small).decode()},
            KEY_UNUSABLE,
        ),
        "not PEM": ({"STRIDE_JWT_PRIVATE_KEY": "secret"}, KEY_UNUSABLE),
    }


@pytest.mark.parametrize(
    "case", ["public key alone", "keys of two pairs", "1024-bit key", "not PEM"]
)
def test_unusable_key_settings_are_refused(tmp_path, case):
    environ, message = bad_settings(tmp_path)[case]

    with pytest.raises(KeyConfigError) as error:
        load_keys(settings_for(tmp_path, **environ))

    assert str(error.value) == message


def test_the_cookie_key_is_made_once_0600_unless_set(tmp_path):
    first = load_cookie_key(settings_for(tmp_path))
    second = load_cookie_key(settings_for(tmp_path))
    given = load_cookie_key(settings_for(tmp_path, STRIDE_COOKIE_KEY="from-env"))

    assert first == second
    assert len(first) >= 64
    assert mode(tmp_path / COOKIE_KEY_FILE) == 0o600
    assert given == "from-env"
