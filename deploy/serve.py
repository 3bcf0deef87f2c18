"""Serve the app to a class: N Streamlit processes behind nginx (``make serve``).

    PORT=8080 PROCESSES=2 python deploy/serve.py

Starts PROCESSES copies of the app (``streamlit run app.py``) on free loopback ports and one
nginx in front of them on PORT, all in the foreground. nginx serves Streamlit's own static
files (found inside the installed streamlit package, copied once into a cache folder with a
.gz beside each text file), passes the WebSocket through, and keeps each student on one app
process by a hash of their address. The nginx configuration is deploy/nginx.conf.template.

Ctrl+C or SIGTERM stops nginx and every app process; the children are also told to stop if
this launcher dies without cleaning up (Linux's parent-death signal), so none is left behind.

Settings (environment variables, or the options below):
  PORT        the port students connect to (default 8080)
  PROCESSES   how many app processes (default: the number of CPU cores)
  BIND        the address nginx listens on (default 0.0.0.0, every network interface)
  KME_PUBLIC_URL  the address printed links and worksheets should use, when students reach
              the machine by a name this launcher cannot know (e.g. https://kme.school.org)

No Streamlit import: this file only starts processes and writes files.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TEMPLATE = HERE / "nginx.conf.template"
INSTALL_NGINX = "sudo apt-get install -y nginx"
# Text files worth compressing; fonts (woff2) and images are compressed already.
COMPRESSIBLE = {".js", ".css", ".html", ".json", ".svg", ".txt", ".map", ".ttf", ".mjs"}
MIME_TYPES = ("/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types",
              "/usr/local/etc/nginx/mime.types")
HEALTH_TIMEOUT_S = 120.0


class ServeError(Exception):
    """Something the person starting the server can fix; the message says what."""


class Stopped(Exception):
    """Ctrl+C or SIGTERM arrived while starting."""


# --------------------------------------------------------------------------- settings

def parse_settings(argv: list[str], env: dict[str, str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", default=env.get("PORT") or "8080")
    parser.add_argument("--processes", default=env.get("PROCESSES") or str(cpu_count()))
    parser.add_argument("--bind", default=env.get("BIND") or "0.0.0.0")
    parser.add_argument("--cache-dir", default=env.get("KME_CACHE_DIR") or str(cache_home()))
    args = parser.parse_args(argv)
    args.port = whole_number(args.port, "PORT", 1, 65535)
    args.processes = whole_number(args.processes, "PROCESSES", 1, 64)
    return args


def whole_number(text: str, name: str, low: int, high: int) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ServeError(f"{name} must be a whole number from {low} to {high}, not "
                         f"{text!r}") from None
    if not low <= value <= high:
        raise ServeError(f"{name} must be a whole number from {low} to {high}, not {value}")
    return value


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def cache_home() -> Path:
    if os.geteuid() == 0:
        return Path("/var/cache/ketamine-explorer")
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / \
        "ketamine-explorer"


def check_port_free(bind: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((bind, port))
        except PermissionError:
            raise ServeError(f"PORT {port} needs administrator rights on this machine; "
                             "choose one above 1023, e.g. PORT=8080") from None
        except OSError:
            raise ServeError(f"PORT {port} is already in use on this machine; stop what "
                             f"uses it or choose another, e.g. PORT={port + 1}") from None


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine_address(bind: str) -> str:
    """The address other devices on the network reach this machine by (no traffic sent)."""
    if bind not in ("0.0.0.0", ""):
        return bind
    found: list[str] = []
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5)
        found = out.stdout.split()
    except (OSError, subprocess.SubprocessError):
        pass
    if not found:
        try:
            found = socket.gethostbyname_ex(socket.gethostname())[2]
        except OSError:
            found = []
    for address in found:
        if "." in address and not address.startswith("127."):
            return address
    return "127.0.0.1"


def find_nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)),
        None)
    if not found:
        raise ServeError(f"nginx is not installed: run  {INSTALL_NGINX}  (or `make serve` "
                         "as root, which installs it)")
    return found


def streamlit_static_dir() -> Path:
    """The static folder inside the installed streamlit package (found without importing
    streamlit, which would take seconds)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or not spec.submodule_search_locations:
        raise ServeError("streamlit is not installed for this Python; run  make serve  "
                         "(it sets up .venv first)")
    static = Path(list(spec.submodule_search_locations)[0]) / "static"
    if not (static / "index.html").is_file() or not (static / "static").is_dir():
        raise ServeError(f"streamlit's static files are missing from {static}; reinstall "
                         "streamlit (make clean && make serve)")
    return static


# --------------------------------------------------------------------------- static cache

def _gzip_file(path: Path) -> None:
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    partial = path.with_name(path.name + ".gz.part")
    partial.write_bytes(packed)
    os.chmod(partial, 0o644)
    os.replace(partial, path.with_name(path.name + ".gz"))
    os.utime(path.with_name(path.name + ".gz"), (path.stat().st_atime, path.stat().st_mtime))


def build_static_cache(static: Path, cache_dir: Path) -> Path:
    """A copy of streamlit's ``static/static`` folder with ``.gz`` beside each text file, in
    ``cache_dir``; reused while the installed files are the same. Returns nginx's root (the
    folder holding ``static/``)."""
    files = sorted(p for p in (static / "static").rglob("*") if p.is_file())
    fingerprint = hashlib.sha256()
    for p in files:
        st = p.stat()
        fingerprint.update(f"{p.relative_to(static)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    root = cache_dir / f"static-{fingerprint.hexdigest()[:16]}"
    if (root / "complete.json").is_file():
        return root
    cache_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(cache_dir, 0o755)
    building = Path(tempfile.mkdtemp(prefix="building-", dir=cache_dir))
    os.chmod(building, 0o755)
    copied = []
    for p in files:
        target = building / p.relative_to(static)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
        shutil.copyfile(p, target)
        os.chmod(target, 0o644)
        os.utime(target, (p.stat().st_atime, p.stat().st_mtime))
        if p.suffix in COMPRESSIBLE and p.stat().st_size >= 256:
            copied.append(target)
    with ThreadPoolExecutor(max_workers=cpu_count()) as pool:  # zlib releases the GIL
        list(pool.map(_gzip_file, copied))
    (building / "complete.json").write_text(json.dumps(
        {"source": str(static), "files": len(files), "compressed": len(copied)}))
    for dirpath, dirnames, _ in os.walk(building):
        for name in dirnames:
            os.chmod(Path(dirpath) / name, 0o755)
    try:
        os.replace(building, root)
    except OSError:  # another launcher finished the same copy first
        shutil.rmtree(building, ignore_errors=True)
    for old in cache_dir.glob("static-*"):  # copies for other streamlit versions
        if old != root:
            shutil.rmtree(old, ignore_errors=True)
    return root


# --------------------------------------------------------------------------- nginx config

def render_config(listen: str, app_ports: list[int], static_root: Path, runtime: Path,
                  template: Path = TEMPLATE) -> str:
    mime = next((m for m in MIME_TYPES if os.path.isfile(m)), None)
    if mime is None:
        mime = str(runtime / "mime.types")
        Path(mime).write_text("types { text/html html; application/javascript js; "
                              "text/css css; application/json json; image/svg+xml svg; "
                              "font/woff2 woff2; image/png png; }\n")
    # As root, nginx's workers drop to an unprivileged user, who must be able to read the cache.
    user_line = ""
    if os.geteuid() == 0 and _user_exists("www-data"):
        user_line = "user www-data;"
        for folder in [static_root, *static_root.parents]:
            if folder.exists() and not folder.stat().st_mode & 0o001:
                raise ServeError(f"nginx's workers (user www-data) cannot open {folder}; "
                                 "choose another KME_CACHE_DIR, e.g. /var/cache/"
                                 "ketamine-explorer")
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=0;" for port in app_ports)
    values = {
        "WORKERS": "1", "RUNTIME": str(runtime), "USER_LINE": user_line, "MIME_TYPES": mime,
        "UPSTREAM_SERVERS": servers, "LISTEN": listen, "STATIC_ROOT": str(static_root),
    }
    text = template.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    if "@@" in text:
        raise ServeError(f"{template.name} has a placeholder the launcher does not fill: "
                         f"{text[text.index('@@'):][:40]!r}")
    return text


def _user_exists(name: str) -> bool:
    try:
        import pwd
        pwd.getpwnam(name)
        return True
    except (ImportError, KeyError):
        return False


# --------------------------------------------------------------------------- processes

def _die_with_parent() -> None:
    """In the child: get SIGTERM if the launcher dies (even by SIGKILL), so none outlives it."""
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def app_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
    ]


class Stack:
    """The app processes and nginx, started and stopped together."""

    def __init__(self, settings: argparse.Namespace, out=sys.stdout):
        self.settings = settings
        self.out = out
        self.apps: list[subprocess.Popen] = []
        self.app_ports: list[int] = []
        self.nginx: subprocess.Popen | None = None
        self.runtime = Path(tempfile.mkdtemp(prefix="kme-serve-"))
        os.chmod(self.runtime, 0o755)
        self.stopping = False
        self.logs = Path(settings.cache_dir) / "logs"

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def start(self) -> str:
        s = self.settings
        nginx = find_nginx()
        static = streamlit_static_dir()
        check_port_free(s.bind, s.port)
        address = machine_address(s.bind)
        url = f"http://{address}:{s.port}"
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.setdefault("KME_LAN_URL", url)  # links copied on the server itself (localhost)
        self.say(f"Starting {s.processes} app process{'es' if s.processes > 1 else ''} "
                 f"and nginx on port {s.port} ...")
        self.logs.mkdir(parents=True, exist_ok=True)
        for number in range(1, s.processes + 1):
            port = free_loopback_port()
            self.app_ports.append(port)
            with open(self.logs / f"app-{number}.log", "wb") as log:
                self.apps.append(subprocess.Popen(
                    app_command(port), cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                    preexec_fn=_die_with_parent))
        static_root = build_static_cache(static, Path(s.cache_dir))
        listen = f"{s.bind}:{s.port}" if s.bind not in ("0.0.0.0", "") else str(s.port)
        conf = self.runtime / "nginx.conf"
        conf.write_text(render_config(listen, self.app_ports, static_root, self.runtime))
        where = ["-e", "stderr", "-p", str(self.runtime), "-c", str(conf)]
        test = subprocess.run([nginx, "-t", "-q", *where], capture_output=True, text=True)
        if test.returncode != 0:
            raise ServeError("nginx rejected the configuration: "
                             + " ".join(test.stderr.split())[:400])
        self.wait_apps_healthy()
        check_port_free(s.bind, s.port)  # taken while the apps started?
        self.nginx = subprocess.Popen(
            [nginx, *where], stdin=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=_die_with_parent)
        self.wait_nginx(s)
        return url

    def wait_apps_healthy(self) -> None:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        waiting = dict(zip(self.app_ports, self.apps, strict=True))
        while waiting:
            if self.stopping:
                raise Stopped
            for port, process in list(waiting.items()):
                if process.poll() is not None:
                    number = self.apps.index(process) + 1
                    raise ServeError(f"an app process stopped while starting (exit code "
                                     f"{process.returncode}); see {self.logs}/app-{number}.log")
                if _healthy(f"http://127.0.0.1:{port}/_stcore/health"):
                    del waiting[port]
            if time.monotonic() > deadline:
                raise ServeError(f"the app did not start within {HEALTH_TIMEOUT_S:.0f} s")
            time.sleep(0.2)

    def wait_nginx(self, s: argparse.Namespace) -> None:
        host = "127.0.0.1" if s.bind in ("0.0.0.0", "") else s.bind
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.stopping:
                raise Stopped
            if self.nginx is not None and self.nginx.poll() is not None:
                raise ServeError(f"nginx stopped at start (exit code {self.nginx.returncode});"
                                 " its message is above")
            if _healthy(f"http://{host}:{s.port}/_stcore/health"):
                return
            time.sleep(0.1)
        raise ServeError("nginx did not answer within 20 s")

    def watch(self) -> int:
        """Wait until a signal or until a child stops; the exit status."""
        while not self.stopping:
            for process in [*self.apps, self.nginx]:
                if process is not None and process.poll() is not None:
                    which = ("nginx" if process is self.nginx else
                             f"app process {self.apps.index(process) + 1} (its messages are in "
                             f"{self.logs})")
                    self.say(f"serve: {which} stopped (exit code {process.returncode}); "
                             "stopping everything")
                    return 1
            time.sleep(0.5)
        return 0

    def stop(self) -> None:
        self.stopping = True
        children = [p for p in [self.nginx, *self.apps] if p is not None]
        for process in children:
            if process.poll() is None:
                try:
                    process.terminate()  # our own children, by their id
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 10
        for process in children:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        shutil.rmtree(self.runtime, ignore_errors=True)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status == 200 and reply.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def main(argv: list[str] | None = None) -> int:
    try:
        settings = parse_settings(sys.argv[1:] if argv is None else argv, dict(os.environ))
    except ServeError as problem:
        print(f"serve: {problem}", file=sys.stderr)
        return 2
    stack = Stack(settings)

    def on_signal(number: int, _frame) -> None:
        stack.stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    status = 0
    try:
        started = time.perf_counter()
        url = stack.start()
        if stack.stopping:
            return 0
        stack.say(f"Ready in {time.perf_counter() - started:.0f} s: {settings.processes} app "
                  f"process{'es' if settings.processes > 1 else ''} behind nginx.")
        stack.say(f"The app's messages go to {stack.logs}/")
        stack.say(f"Open {url} in a browser; press Ctrl+C to stop")
        status = stack.watch()
    except Stopped:
        status = 0
    except ServeError as problem:
        print(f"serve: {problem}", file=sys.stderr)
        status = 1
    finally:
        stack.stop()
        if status == 0:
            stack.say("Stopped.")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
