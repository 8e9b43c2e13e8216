"""Several Stride replicas on 127.0.0.1 behind nginx, sharing one database.

Run ``python deploy/cluster.py --database-url URL`` to start two
``streamlit run`` replicas and nginx in front of them with sticky
sessions; stop with Ctrl-C. The replicas share nothing but the database
and the secrets written into the run folder: the RS256 key pair, the
remembered-login cookie key and Streamlit's own cookie secret. Tests use
``LocalCluster`` to start, stop and inspect the same set-up.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "127.0.0.1"


class _ConfigTemplate(string.Template):
    """``@{name}`` placeholders: nginx's own variables start with ``$``."""

    delimiter = "@"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for(
    url: str, process: subprocess.Popen[bytes] | None = None, seconds: float = 60
) -> None:
    """Wait until ``url`` answers 200; fail early if ``process`` has ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process serving {url} ended early")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds:.0f} s")


def write_secrets(folder: Path) -> dict[str, str]:
    """Key pair and cookie keys as files; the STRIDE_* variables naming them."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    files = {
        "STRIDE_JWT_PRIVATE_KEY_FILE": ("jwt-private.pem", private),
        "STRIDE_JWT_PUBLIC_KEY_FILE": ("jwt-public.pem", public),
        "STRIDE_COOKIE_KEY_FILE": ("cookie-key", secrets.token_urlsafe(32).encode()),
    }
    variables = {}
    for name, (filename, data) in files.items():
        path = folder / filename
        path.touch(mode=0o600)
        path.write_bytes(data)
        variables[name] = str(path)
    return variables


class LocalCluster:
    """Replicas of Stride and nginx in front of them, all on 127.0.0.1."""

    def __init__(self, database_url: str, replicas: int = 2, port: int = 0) -> None:
        self.database_url = database_url
        self.run_dir = Path(tempfile.mkdtemp(prefix="stride-cluster-"))
        self.replica_ports = [free_port() for _ in range(replicas)]
        self.port = port or free_port()
        self.replicas: list[subprocess.Popen[bytes] | None] = []
        self.nginx: subprocess.Popen[bytes] | None = None
        self.environment = {
            **os.environ,
            "STRIDE_DATABASE_URL": database_url,
            "STRIDE_DATA_DIR": str(self.run_dir / "data"),
            # Streamlit refuses this secret on the command line.
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32),
            **write_secrets(self.run_dir),
        }

    @property
    def url(self) -> str:
        """Address of nginx, where runners go."""
        return f"http://{HOST}:{self.port}"

    def replica_url(self, index: int) -> str:
        """Address of one replica, bypassing nginx."""
        return f"http://{HOST}:{self.replica_ports[index]}"

    def start(self) -> None:
        """Start every replica, then nginx; return once all answer."""
        self.replicas = [self._start_replica(i) for i in range(len(self.replica_ports))]
        for index, process in enumerate(self.replicas):
            wait_for(self.replica_url(index) + "/_stcore/health", process)

        config = self.run_dir / "nginx.conf"
        servers = "\n".join(
            f"        server {HOST}:{p} max_fails=1 fail_timeout=10s;"
            for p in self.replica_ports
        )
        config.write_text(
            _ConfigTemplate(TEMPLATE.read_text()).substitute(
                run_dir=self.run_dir, servers=servers, port=self.port
            )
        )
        self.nginx = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(self.run_dir)],
            stdout=subprocess.DEVNULL,
            stderr=(self.run_dir / "nginx.out").open("wb"),
        )
        wait_for(self.url + "/_stcore/health", self.nginx)

    def _start_replica(self, index: int) -> subprocess.Popen[bytes]:
        log = (self.run_dir / f"replica-{index}.log").open("wb")
        command = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.address", HOST,
            "--server.port", str(self.replica_ports[index]),
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        return subprocess.Popen(
            command, cwd=ROOT, env=self.environment, stdout=log, stderr=log
        )

    def replica_for_route(self, route: str) -> int:
        """Which replica nginx sends a browser's route cookie to, by its log.

        A websocket is logged only once it closes, so this reads the last
        finished request that carried the cookie: the tab's own replica.
        """
        lines = (self.run_dir / "nginx-access.log").read_text().splitlines()
        last = next(line for line in reversed(lines) if f" route={route} " in line)
        port = int(last.rsplit(":", 1)[1])
        return self.replica_ports.index(port)

    def stop_replica(self, index: int) -> None:
        """Stop one replica as a crash or a scale-in would."""
        process = self.replicas[index]
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=20)
        self.replicas[index] = None

    def stop(self) -> None:
        """Stop nginx and every replica, and remove the run folder."""
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for index in range(len(self.replicas)):
            self.stop_replica(index)
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self) -> LocalCluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def main() -> None:
    """Start the cluster and keep it up until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4",
        help="the database every replica uses (default: the local MariaDB)",
    )
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="nginx's port")
    args = parser.parse_args()

    with LocalCluster(args.database_url, args.replicas, args.port) as cluster:
        print(f"nginx:    {cluster.url}")
        for index in range(args.replicas):
            print(f"replica {index}: {cluster.replica_url(index)}")
        print("Ctrl-C stops them all.")
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()


if __name__ == "__main__":
    main()
