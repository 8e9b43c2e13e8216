"""Settings: defaults, files for secrets, the password and the masked view."""

from __future__ import annotations

from pathlib import Path

from settings import DEFAULT_DATA_DIR, load_settings


def test_defaults_use_sqlite_in_the_data_folder():
    settings = load_settings(environ={})

    assert settings.data_dir == DEFAULT_DATA_DIR
    assert settings.database_url == f"sqlite:///{DEFAULT_DATA_DIR / 'stride.db'}"
    assert settings.uses_default_database
    assert settings.log_level == "INFO"


def test_data_dir_moves_the_sqlite_file(tmp_path: Path):
    settings = load_settings(environ={"STRIDE_DATA_DIR": str(tmp_path)})

    assert settings.database_url == f"sqlite:///{tmp_path / 'stride.db'}"


def test_password_file_goes_into_the_database_url(tmp_path: Path):
    secret = tmp_path / "db_password"
    secret.write_text("s3cr@t/pw\n", encoding="utf-8")

    settings = load_settings(
        environ={
            "STRIDE_DATABASE_URL": "mysql+pymysql://stride@db:3306/stride?charset=utf8mb4",
            "STRIDE_DATABASE_PASSWORD_FILE": str(secret),
        }
    )

    assert settings.database_url == (
        "mysql+pymysql://stride:s3cr%40t%2Fpw@db:3306/stride?charset=utf8mb4"
    )


def test_environment_wins_over_secrets():
    settings = load_settings(
        environ={"STRIDE_LOG_LEVEL": "debug"},
        secrets={"STRIDE_LOG_LEVEL": "WARNING", "STRIDE_COOKIE_KEY": "from-secrets"},
    )

    assert (settings.log_level, settings.cookie_key) == ("DEBUG", "from-secrets")


def test_describe_masks_every_secret():
    settings = load_settings(
        environ={
            "STRIDE_DATABASE_URL": "mysql+pymysql://stride:hunter22@db/stride",
            "STRIDE_COOKIE_KEY": "cookie-secret",
            "STRIDE_JWT_PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----",
        }
    )

    described = settings.describe()
    assert described["database_url"] == "mysql+pymysql://stride:***@db/stride"
    assert (described["cookie_key"], described["jwt_keys"]) == ("given", "given")
    assert "hunter22" not in repr(settings)
    assert "cookie-secret" not in repr(described)
