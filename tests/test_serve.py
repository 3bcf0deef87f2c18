"""`make serve` for real: deploy/serve.py starts two app processes behind Debian's nginx on
free loopback ports, and these tests talk to it as browsers on other machines would.

nginx comes from Debian (`sudo apt-get install -y nginx`; `make test` installs it as root).
Under CI=true a missing nginx fails these tests; elsewhere they are skipped with that command.
The container image (deploy/Dockerfile) is checked for its essentials only (it is not built
here); the Kubernetes manifests are validated against the Kubernetes schema, offline.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
SERVE = DEPLOY / "serve.py"
sys.path.insert(0, str(DEPLOY))
import serve  # noqa: E402  (deploy/serve.py, imported for its helpers)

sys.path.pop(0)


def nginx_or_fail() -> None:
    if shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK):
        return
    message = f"nginx is not installed; run  {serve.INSTALL_NGINX}  (make test does as root)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_launcher(env: dict[str, str], timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SERVE)], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **env})


def children_of(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Stack:
    def __init__(self, tmp: Path):
        self.port = free_port()
        self.log = open(tmp / "serve.log", "w+")  # noqa: SIM115 (closed in stop)
        # the static cache is the launcher's usual one (nginx's workers can read it as root)
        env = {**os.environ, "PORT": str(self.port), "PROCESSES": "2", "BIND": "127.0.0.1",
               "PYTHONUNBUFFERED": "1"}
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, str(SERVE)], cwd=REPO, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "press Ctrl+C to stop" in self.output():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"deploy/serve.py did not get ready:\n{self.output()}", pytrace=False)

    def stop(self) -> int | None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # our own launcher, by its id
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
                return None
        return self.process.returncode


def get(port: int, path: str, source: str = "127.0.0.1", headers: dict | None = None
        ) -> tuple[int, dict[str, str], bytes]:
    """GET through nginx from a given loopback source address (as if from another device)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20,
                                            source_address=(source, 0))
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
        reply = connection.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    nginx_or_fail()
    running = Stack(tmp_path_factory.mktemp("serve"))
    running.wait_ready()
    yield running
    running.stop()
    running.log.close()


# --------------------------------------------------------------------------- the layout

def test_page_html_comes_through_nginx_from_an_app_process(stack):
    status, headers, body = get(stack.port, "/dose")
    assert status == 200
    assert b'<div id="root">' in body
    assert headers["server"].startswith("nginx")
    assert re.fullmatch(r"127\.0\.0\.1:\d+", headers["x-upstream"])
    assert "x-served-by" not in headers
    status, headers, body = get(stack.port, "/_stcore/health")
    assert (status, body) == (200, b"ok") and "x-upstream" in headers


def test_a_javascript_bundle_is_served_by_nginx_precompressed_and_cached(stack):
    _, _, page = get(stack.port, "/")
    bundle = re.search(rb'src="\.?/?(static/js/index\.[^"]+\.js)"', page)
    assert bundle, page[:500]
    path = "/" + bundle.group(1).decode()
    original = (serve.streamlit_static_dir() / path.lstrip("/")).read_bytes()
    status, headers, body = get(stack.port, path, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["x-served-by"] == "nginx-static"
    assert "x-upstream" not in headers  # no app process touched it
    assert headers["content-encoding"] == "gzip"
    assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers[
        "cache-control"]
    assert len(body) < len(original) / 2
    assert gzip.decompress(body) == original
    status, headers, body = get(stack.port, path)  # a client that takes no gzip
    assert status == 200 and "content-encoding" not in headers and body == original


def _websocket(port: int, source: str):
    from websockets.sync.client import connect

    sock = socket.create_connection(("127.0.0.1", port), timeout=20,
                                    source_address=(source, 0))
    return connect(f"ws://127.0.0.1:{port}/_stcore/stream", sock=sock,
                   subprotocols=["streamlit"], origin=f"http://127.0.0.1:{port}",
                   open_timeout=20, max_size=None)


def test_the_websocket_upgrades_through_nginx_and_runs_the_page(stack):
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    with _websocket(stack.port, "127.0.0.2") as ws:
        assert ws.response.status_code == 101
        assert ws.response.headers["Upgrade"].lower() == "websocket"
        assert re.fullmatch(r"127\.0\.0\.1:\d+", ws.response.headers["X-Upstream"])
        message = BackMsg()
        message.rerun_script.page_name = "glossary"
        message.rerun_script.context_info.url = f"http://127.0.0.1:{stack.port}/glossary"
        ws.send(message.SerializeToString())
        kinds = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            reply = ForwardMsg()
            reply.ParseFromString(ws.recv(timeout=30))
            kinds.append(reply.WhichOneof("type"))
            if kinds[-1] == "script_finished":
                break
        assert kinds[0] == "new_session"
        assert "delta" in kinds and kinds[-1] == "script_finished"
        assert reply.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY


def test_each_client_address_stays_on_one_process_and_a_class_uses_both(stack):
    """A session's WebSocket must stay where its state is, yet one /24 (a classroom) must not
    land on one process, as nginx's ip_hash would do."""
    landed: dict[str, str] = {}
    for n in range(2, 42):
        source = f"127.0.0.{n}"
        seen = {get(stack.port, "/_stcore/health", source)[1]["x-upstream"] for _ in range(3)}
        assert len(seen) == 1, f"{source} moved between processes: {seen}"
        landed[source] = seen.pop()
    with _websocket(stack.port, "127.0.0.3") as ws:  # the WebSocket lands where pages did
        assert ws.response.headers["X-Upstream"] == landed["127.0.0.3"]
    counts = {upstream: list(landed.values()).count(upstream) for upstream in set(
        landed.values())}
    assert len(counts) == 2, f"all 40 addresses on one process: {counts}"
    assert min(counts.values()) >= 8, counts  # roughly even, not a trickle


def test_the_launcher_stops_everything_on_sigterm(tmp_path):
    nginx_or_fail()
    running = Stack(tmp_path)
    try:
        running.wait_ready()
        children = children_of(running.process.pid)
        assert len(children) >= 4, children  # 2 apps, the nginx master and its worker
        assert "Open http://127.0.0.1:" in running.output()
    finally:
        status = running.stop()
    assert status == 0, running.output()
    time.sleep(0.5)
    left = [pid for pid in children if alive(pid)]
    assert not left, f"processes left after SIGTERM: {left}"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", running.port), timeout=2).close()
    running.log.close()


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(("env", "words"), [
    ({"PORT": "eighty"}, "PORT must be a whole number from 1 to 65535, not 'eighty'"),
    ({"PORT": "70000"}, "PORT must be a whole number"),
    ({"PROCESSES": "0"}, "PROCESSES must be a whole number from 1 to 64, not 0"),
    ({"PROCESSES": "two"}, "PROCESSES must be a whole number"),
])
def test_bad_settings_give_one_clear_line(env, words):
    result = run_launcher(env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr
    assert result.stdout == ""


def test_a_port_in_use_gives_one_clear_line():
    nginx_or_fail()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_launcher({"PORT": str(port), "BIND": "127.0.0.1", "PROCESSES": "1"})
    assert result.returncode == 1
    assert result.stderr.strip() == (f"serve: PORT {port} is already in use on this machine; "
                                     f"stop what uses it or choose another, e.g. "
                                     f"PORT={port + 1}")


def test_the_config_uses_a_consistent_hash_not_ip_hash(tmp_path):
    root = Path("/tmp")  # readable by nginx's workers when the tests run as root
    rendered = serve.render_config("127.0.0.1:8080", [9001, 9002], root, tmp_path)
    text = "\n".join(line.split("#", 1)[0] for line in rendered.splitlines())  # directives
    assert "hash $remote_addr consistent;" in text and "ip_hash" not in text
    assert "server 127.0.0.1:9001" in text and "server 127.0.0.1:9002" in text
    assert "@@" not in text
    assert "gzip_static on;" in text and "proxy_read_timeout 1d;" in text


# --------------------------------------------------------------------------- container, k8s

def test_the_dockerfile_has_its_essentials():
    text = (DEPLOY / "Dockerfile").read_text()
    text = re.sub(r"\\\n\s*", " ", "\n".join(  # one line per instruction
        line for line in text.splitlines() if not line.lstrip().startswith("#")))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    users = [line.split()[1] for line in lines if line.upper().startswith("USER ")]
    assert users and users[-1] not in ("root", "0", "0:0"), "the image must not run as root"
    health = [line for line in lines if line.upper().startswith("HEALTHCHECK ")]
    assert len(health) == 1 and "/_stcore/health" in health[0]
    assert any(line.upper().startswith("EXPOSE ") for line in lines)
    assert any("deploy/serve.py" in line for line in lines
               if line.upper().startswith(("CMD", "ENTRYPOINT")))
    assert any("nginx" in line for line in lines if line.upper().startswith("RUN "))
    copied = {part.strip("./") for line in lines if line.upper().startswith("COPY ")
              for part in line.split()[1:-1]}
    packages = {"sim", "figures", "content", "ui"}  # pyproject's packages: every layer
    assert packages <= copied, f"the image lacks {sorted(packages - copied)}"


def _manifests() -> list[dict]:
    import yaml

    docs = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        docs += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return docs


def test_the_kubernetes_manifests_are_valid_against_the_schema():
    import kubernetes_validate

    docs = _manifests()
    assert {doc["kind"] for doc in docs} >= {"Deployment", "Service", "Ingress"}
    for doc in docs:
        kubernetes_validate.validate(doc, "1.30", strict=True)  # raises when invalid
    with pytest.raises(kubernetes_validate.ValidationError):  # the validator does reject
        broken = next(doc for doc in docs if doc["kind"] == "Deployment")
        kubernetes_validate.validate({**broken, "spec": {**broken["spec"], "replicas": "two"}},
                                     "1.30", strict=True)


def test_the_kubernetes_layout_keeps_sessions_and_checks_health():
    docs = {doc["kind"]: doc for doc in _manifests()}
    deployment = docs["Deployment"]
    assert deployment["spec"]["replicas"] >= 2
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    annotations = docs["Ingress"]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert docs["Service"]["spec"]["sessionAffinity"] == "ClientIP"
