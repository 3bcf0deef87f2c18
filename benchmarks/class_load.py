"""Class-load benchmark: a class of virtual students against one app process and against the
`make serve` stack (N processes behind nginx), in the same run.

    .venv/bin/python benchmarks/class_load.py                 # 100 students, both setups
    .venv/bin/python benchmarks/class_load.py --students 30 --steady-s 20

Each virtual student is a browser at Streamlit's protocol level, as Chromium 1xx does it
(checked against a real session's requests and WebSocket frames):

1. GET the page (``/dose``), then the files the page HTML names, each over up to six
   keep-alive connections with ``Accept-Encoding: gzip, deflate, br, zstd`` (bytes counted,
   not decompressed);
2. then, at once, ``/_stcore/health`` and ``/_stcore/host-config``, the WebSocket
   ``/_stcore/stream`` (subprotocol ``streamlit``, Origin set) with the first
   ``BackMsg.rerun_script`` the frontend sends (page name, context: time zone, locale, URL),
   and the rest of the files a fresh Chromium fetched for that page (the lazily loaded
   chunks: Plotly, the slider, ...). The page is complete when every file has arrived and the
   run has ended (``ForwardMsg.script_finished``).
3. Moving the dose slider sends what the frontend sends: ``rerun_script`` with the state of
   every widget on the page (built from the widgets the deltas carried), the slider's new
   value, the query string, the page script hash, the slider's fragment id and the hashes of
   the cacheable messages already received. A move lasts until its ``script_finished``.

Phases: a warm-up (the teacher opens the page on each process first), the opening burst
(every student opens the link at the same instant), steady moves (each student moves the
slider every 3-8 s), the "everybody set the dose to 1 now" burst, then memory: the app
processes' resident memory with every session open, against one session open.

In the proxied setup each student connects from its own loopback address (127.0.0.2, .3, ...)
as students' devices would, so nginx's address hash spreads them. Clients run on the same
machine as the servers and take CPU from them; the numbers are therefore conservative.
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SERVE = REPO / "deploy" / "serve.py"
PAGE = "dose"
SLIDER_KEY = "dose"  # the widget key of the slider the students move
GOALS = {"page_p90": 1.5, "move_p90": 0.060, "burst_p90": 0.3}
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/140.0.0.0 Safari/537.36")
STATIC_FILES = (  # what a fresh Chromium fetched for /dose, hashes left out
    "js/rolldown-runtime.js", "css/index.css", "media/SourceSansVF-Upright.ttf.woff2",
    "js/loglevel.js", "js/emotion-styled.browser.esm.js", "js/emotion-is-prop-valid.esm.js",
    "js/react-dom.js", "js/toString.js", "js/types.js", "js/opacities.js", "js/src.js",
    "js/emotion-react.browser.esm.js", "js/isSymbol.js", "js/isArrayLikeObject.js",
    "js/_baseFlatten.js", "js/merge.js", "js/_isIterateeCall.js", "js/isArrayLike.js",
    "js/last.js", "js/index.js", "js/protobuf.js", "js/useEmotionTheme.js",
    "js/useCrossOriginAttribute.js", "js/styled-components.js", "js/UriUtil.js", "js/utils.js",
    "js/useFloatingOverlay.js", "js/Tooltip.js", "js/lib.js", "js/lib.js", "js/lib.js",
    "js/space-separated-tokens.js", "js/ErrorElement.js", "js/preload-helper.js",
    "js/_baseEach.js", "js/_baseProperty.js", "js/_baseIsEqual.js", "js/FlexContext.js",
    "js/useDescription.js", "js/utils.js", "js/DynamicIcon.js", "js/Icon.js", "js/Text.js",
    "js/shim.js", "js/useLabel.js", "js/LiveAnnouncer.js", "js/useCollection.js", "js/number.js",
    "js/NumberFormatter.js", "js/StreamlitMarkdown.js", "js/ProgressBar.js", "js/BaseButton.js",
    "js/FormClearHelper.js", "js/useTimeout.js", "js/index.esm.js", "js/useResizeObserver.js",
    "js/ContentCopy.esm.js", "js/Check.esm.js", "js/Toolbar.js", "js/useCopyToClipboard.js",
    "js/useRequiredContext.js", "media/MaterialSymbols-Rounded.woff2", "js/BidiComponent.js",
    "js/_arrayReduce.js", "js/serialization.js", "js/recordbatch.js", "js/purify.es.js",
    "js/Html.js", "js/useFormValidation.js", "js/useFormReset.js", "js/Checkbox.js",
    "js/useSlot.js", "js/useBasicWidgetState.js", "js/styled-components.js",
    "js/checkboxIndicatorStyles.js", "js/Button.js", "js/zip.js", "js/unzip.js",
    "js/FileUploader.js", "js/utils.js", "js/WidgetLabelHelpIconInline.js",
    "js/ErrorOutline.esm.js", "js/Cancel.esm.js", "js/TableChart.esm.js", "js/WidgetLabel.js",
    "js/UploadFileInfo.js", "js/WidgetLabelHelpIcon.js", "js/Selectbox.js",
    "js/useSyncComboBoxEnterTargetFocus.js", "js/useCollator.js", "js/Autocomplete.js",
    "js/useMenuTrigger.js", "js/Input.js", "js/useLoadMoreSentinel.js", "js/sortBy.js",
    "js/_baseMap.js", "js/useField.js", "js/useTextField.js", "js/requiredField.js",
    "js/useFilter.js", "js/PlotlyChart.js", "js/moment.js", "js/Slider.js", "js/formatNumber.js",
    "js/numbro.js", "js/sprintfjs.js", "js/withCalculatedWidth.js", "js/formatMoment.js",
    "js/rehype-raw.js", "js/hastscript.js", "js/web-namespaces.js", "js/DownloadButton.js",
    "js/createDownloadLinkElement.js", "js/resolveDefaultExport.js", "js/printWidthCap.js",
    "js/withFullScreenWrapper.js",
)

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402


def static_dir() -> Path:
    spec = importlib.util.find_spec("streamlit")
    return Path(list(spec.submodule_search_locations)[0]) / "static"


def resolve_static(names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The installed file (``/static/js/PlotlyChart.D9Z0_fxz.js``) for each name; the names
    this Streamlit version does not have."""
    root = static_dir() / "static"
    found, missing = [], []
    for name in names:
        folder, _, file = name.rpartition("/")
        stem, _, ext = file.rpartition(".")
        pattern = re.compile(rf"{re.escape(stem)}\.[A-Za-z0-9_-]{{8}}\.{re.escape(ext)}")
        hits = [p.name for p in (root / folder).iterdir() if pattern.fullmatch(p.name)]
        (found.append(f"/static/{folder}/{hits[0]}") if hits else missing.append(name))
    return found, missing


# --------------------------------------------------------------------------- HTTP/1.1

class HttpError(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection, as a browser keeps per host."""

    def __init__(self, port: int, source: str):
        self.port, self.source = port, source
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, host: str) -> tuple[int, dict[str, str], int]:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(
                "127.0.0.1", self.port, local_addr=(self.source, 0), limit=1 << 20)
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {USER_AGENT}\r\n"
                   f"Accept: */*\r\nAccept-Encoding: {ACCEPT_ENCODING}\r\n"
                   "Connection: keep-alive\r\n\r\n")
        self.writer.write(request.encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        size = 0
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                length = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if length:
                    size += len(await self.reader.readexactly(length))
                await self.reader.readexactly(2)
                if not length:
                    break
        else:
            length = int(headers.get("content-length", "0"))
            while size < length:
                chunk = await self.reader.read(min(1 << 20, length - size))
                if not chunk:
                    raise HttpError(f"{path}: connection closed mid-body")
                size += len(chunk)
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, size

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


# --------------------------------------------------------------------------- a student

@dataclass
class Result:
    page_s: float | None = None
    files_s: float | None = None  # from the start until the last file arrived
    run_s: float | None = None  # from the start until the first run ended
    moves_s: list[float] = field(default_factory=list)
    burst_s: float | None = None
    errors: list[str] = field(default_factory=list)
    bytes_in: int = 0


class Student:
    def __init__(self, port: int, source: str, files: list[str]):
        self.port, self.source, self.files = port, source, files
        self.host = f"127.0.0.1:{port}"
        self.result = Result()
        self.ws = None
        self.widgets: dict[str, object] = {}  # id -> WidgetState
        self.slider_id = ""
        self.slider_fragment = ""
        self.slider_range = (0.0, 1.0, 0.05)
        self.page_hash = ""
        self.cached: set[str] = set()
        self.query = ""
        self.value = 0.0

    # -- fetching files
    async def _fetch_all(self, paths: list[str], connections: list[Connection]) -> None:
        queue = list(paths)

        async def worker(connection: Connection) -> None:
            while queue:
                path = queue.pop(0)
                status, _, size = await connection.get(path, self.host)
                self.result.bytes_in += size
                if status != 200:
                    self.result.errors.append(f"GET {path}: {status}")

        await asyncio.gather(*(worker(c) for c in connections))

    async def open_page(self) -> None:
        started = time.perf_counter()
        connections = [Connection(self.port, self.source) for _ in range(6)]
        try:
            status, _, size = await connections[0].get(f"/{PAGE}", self.host)
            self.result.bytes_in += size
            if status != 200:
                raise HttpError(f"GET /{PAGE}: {status}")
            named = [f for f in self.files if f in INDEX_FILES]
            rest = [f for f in self.files if f not in INDEX_FILES]
            await self._fetch_all(named, connections)

            async def files() -> None:
                await asyncio.gather(
                    self._fetch_all(["/_stcore/health", "/_stcore/host-config"],
                                    connections[:1]),
                    self._fetch_all(rest, connections[1:]))
                self.result.files_s = time.perf_counter() - started

            async def run() -> None:
                await self._session()
                self.result.run_s = time.perf_counter() - started

            await asyncio.gather(files(), run())
            self.result.page_s = time.perf_counter() - started
        except Exception as problem:  # noqa: BLE001 (every failure is a counted error)
            self.result.errors.append(f"open: {type(problem).__name__}: {problem}")
        finally:
            for connection in connections:
                connection.close()

    # -- the WebSocket session
    def _context(self, message) -> None:
        info = message.rerun_script.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.url = f"http://{self.host}/{PAGE}"
        info.is_embedded, info.color_scheme = False, "light"

    async def _session(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await connect(
            f"ws://{self.host}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"http://{self.host}", user_agent_header=USER_AGENT, max_size=None,
            compression=None, open_timeout=60, ping_interval=None,
            local_addr=(self.source, 0))
        message = BackMsg()
        message.rerun_script.page_name = PAGE
        message.rerun_script.widget_states.SetInParent()
        self._context(message)
        await self.ws.send(message.SerializeToString())
        await self._until_finished(first=True)
        if not self.slider_id:
            raise HttpError(f"no slider with key {SLIDER_KEY!r} on /{PAGE}")

    def _note_widget(self, element, fragment: str) -> None:
        kind = element.WhichOneof("type")
        widget = getattr(element, kind, None)
        wid = getattr(widget, "id", "")
        if not wid or kind in ("button", "download_button", "form_submit_button"):
            return
        state = WidgetState(id=wid)
        if kind == "checkbox":
            state.bool_value = widget.value if widget.set_value else widget.default
        elif kind == "slider":
            values = list(widget.value) if widget.set_value else list(widget.default)
            state.double_array_value.data.extend(values)
            if wid.endswith(f"-{SLIDER_KEY}"):
                self.slider_id, self.slider_fragment = wid, fragment
                self.slider_range = (widget.min, widget.max, widget.step)
                self.value = values[0]
        elif kind == "selectbox":
            if widget.HasField("raw_value"):
                state.string_value = widget.raw_value
            elif widget.HasField("default") and widget.options:
                state.string_value = widget.options[widget.default]
            else:
                return
        elif kind == "number_input":
            if widget.HasField("value") if widget.set_value else widget.HasField("default"):
                state.double_value = widget.value if widget.set_value else widget.default
            else:
                return
        elif kind == "radio":
            if widget.HasField("raw_value"):
                state.string_value = widget.raw_value
            elif widget.HasField("default") and widget.options:
                state.string_value = widget.options[widget.default]
            else:
                return
        elif kind == "file_uploader":
            state.file_uploader_state_value.SetInParent()
        else:
            return
        self.widgets[wid] = state

    async def _until_finished(self, first: bool = False) -> None:
        while True:
            frame = await asyncio.wait_for(self.ws.recv(), timeout=120)
            message = ForwardMsg()
            message.ParseFromString(frame)
            if message.metadata.cacheable and message.hash:
                self.cached.add(message.hash)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = message.new_session.page_script_hash
            elif kind == "delta":
                delta = message.delta
                if delta.WhichOneof("type") == "new_element":
                    element = delta.new_element
                    if element.WhichOneof("type") == "exception":
                        self.result.errors.append(
                            f"exception on the page: {element.exception.message[:80]}")
                    elif first or element.WhichOneof("type") in ("slider", "selectbox"):
                        self._note_widget(element, delta.fragment_id)
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "script_finished":
                if message.script_finished not in (
                        ForwardMsg.FINISHED_SUCCESSFULLY,
                        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    self.result.errors.append(f"run ended with {message.script_finished}")
                return

    async def move(self, value: float | None = None) -> float:
        """Move the slider one step (or to ``value``); seconds until the run ended."""
        low, high, step = self.slider_range
        if value is None:
            value = self.value + step if self.value + step <= high + 1e-9 else low
            value = min(max(round(value / step) * step, low), high)
        self.value = round(value, 6)
        state = self.widgets[self.slider_id]
        del state.double_array_value.data[:]
        state.double_array_value.data.append(self.value)
        message = BackMsg()
        rerun = message.rerun_script
        params = [p for p in self.query.split("&") if p and not p.startswith(f"{SLIDER_KEY}=")]
        rerun.query_string = "&".join(params + [f"{SLIDER_KEY}={self.value:g}"])
        rerun.widget_states.widgets.extend(self.widgets.values())
        rerun.page_script_hash = self.page_hash
        if self.slider_fragment:
            rerun.fragment_id = self.slider_fragment
        rerun.cached_message_hashes.extend(sorted(self.cached))
        self._context(message)
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        await self._until_finished()
        return time.perf_counter() - started

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


# --------------------------------------------------------------------------- the servers

def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    found, frontier = [], {pid}
    while frontier:
        frontier = {c for c, p in parents.items() if p in frontier}
        found += sorted(frontier)
    return found


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Setup:
    """A running server: the port students use, the app processes' ports and ids."""

    name = ""
    port = 0
    app_ports: list[int]
    app_pids: list[int]
    all_pids: list[int]  # every server process (apps, nginx), for CPU time

    def stop(self) -> None:
        raise NotImplementedError


class OneProcess(Setup):
    def __init__(self) -> None:
        sys.path.insert(0, str(SERVE.parent))
        import serve

        self.name = "1 process (streamlit run)"
        self.port = _free_port()
        self.process = subprocess.Popen(serve.app_command(self.port), cwd=REPO,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        deadline = time.monotonic() + 60
        while not _healthy(self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise SystemExit("the app did not start")
            time.sleep(0.2)
        self.app_ports, self.app_pids = [self.port], [self.process.pid]
        self.all_pids = [self.process.pid]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # our own process, by its id
            self.process.wait(timeout=20)


class Proxied(Setup):
    def __init__(self, processes: int) -> None:
        self.name = f"{processes} processes behind nginx (make serve)"
        self.port = _free_port()
        env = dict(os.environ, PORT=str(self.port), PROCESSES=str(processes), BIND="127.0.0.1",
                   PYTHONUNBUFFERED="1")
        self.log = open(f"/tmp/class_load_serve_{os.getpid()}.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen([sys.executable, str(SERVE)], cwd=REPO, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while True:
            self.log.flush()
            self.log.seek(0)
            if "press Ctrl+C to stop" in self.log.read():
                break
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise SystemExit(f"make serve did not start; see {self.log.name}")
            time.sleep(0.2)
        self.app_pids, self.app_ports, self.all_pids = [], [], []
        for pid in _descendants(self.process.pid):
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            self.all_pids.append(pid)
            if b"streamlit" in command:
                self.app_pids.append(pid)
                self.app_ports.append(int(command[command.index(b"--server.port") + 1]))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # our own launcher, by its id
            self.process.wait(timeout=30)
        self.log.close()


# --------------------------------------------------------------------------- the phases

def p(values: list[float], q: float) -> float | None:
    """The q-quantile by nearest rank (p(values, 0.9) is the p90)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 1)) - 1))]


def source_address(n: int) -> str:
    return f"127.0.{1 + n // 250}.{2 + n % 250}"


async def run_class(setup: Setup, students: int, steady_s: float, files: list[str]) -> dict:
    # the teacher opens the page on every process first (and keeps it open)
    teachers = [Student(port, "127.0.0.1", files) for port in setup.app_ports]
    for teacher in teachers:
        await teacher.open_page()
        await teacher.move()
    await asyncio.sleep(1.0)
    rss_before = sum(_rss_mb(pid) for pid in setup.app_pids)
    cpu_before = sum(_cpu_s(pid) for pid in setup.all_pids)
    client_before = time.process_time()

    print(f"  opening burst: {students} students open the link together", flush=True)
    class_ = [Student(setup.port, source_address(n), files) for n in range(students)]
    await asyncio.gather(*(s.open_page() for s in class_))
    cpu_opening = sum(_cpu_s(pid) for pid in setup.all_pids) - cpu_before
    client_opening = time.process_time() - client_before  # the virtual browsers' own CPU
    open_ = [s for s in class_ if s.result.page_s is not None and s.ws is not None]
    await asyncio.sleep(2.0)
    rss_after = sum(_rss_mb(pid) for pid in setup.app_pids)

    print(f"  steady moves for {steady_s:.0f} s", flush=True)
    end = time.perf_counter() + steady_s

    async def steady(student: Student) -> None:
        await asyncio.sleep(random.uniform(0, 3))
        while time.perf_counter() < end:
            try:
                student.result.moves_s.append(await student.move())
            except Exception as problem:  # noqa: BLE001
                student.result.errors.append(f"move: {type(problem).__name__}: {problem}")
                return
            await asyncio.sleep(random.uniform(3, 8))

    await asyncio.gather(*(steady(s) for s in open_))
    await asyncio.sleep(2.0)

    print("  'everybody set the dose to 1 now'", flush=True)

    async def burst(student: Student) -> None:
        try:
            student.result.burst_s = await student.move(1.0 if student.value != 1.0 else 0.95)
        except Exception as problem:  # noqa: BLE001
            student.result.errors.append(f"burst: {type(problem).__name__}: {problem}")

    cpu_before_burst = sum(_cpu_s(pid) for pid in setup.all_pids)
    await asyncio.gather(*(burst(s) for s in open_))
    cpu_burst = sum(_cpu_s(pid) for pid in setup.all_pids) - cpu_before_burst
    for student in [*class_, *teachers]:
        await student.close()

    pages = [s.result.page_s for s in class_ if s.result.page_s is not None]
    files_ = [s.result.files_s for s in class_ if s.result.files_s is not None]
    runs = [s.result.run_s for s in class_ if s.result.run_s is not None]
    moves = [m for s in class_ for m in s.result.moves_s]
    bursts = [s.result.burst_s for s in class_ if s.result.burst_s is not None]
    errors = [e for s in class_ for e in s.result.errors]
    return {
        "setup": setup.name, "students": students, "opened": len(pages),
        "page_p50": p(pages, 0.5), "page_p90": p(pages, 0.9), "page_max": max(pages or [0]),
        "files_p90": p(files_, 0.9), "run_p90": p(runs, 0.9),
        "moves": len(moves), "move_p50": p(moves, 0.5), "move_p90": p(moves, 0.9),
        "burst_p90": p(bursts, 0.9), "burst_max": max(bursts or [0]), "errors": errors,
        "mb_per_session": (rss_after - rss_before) / max(1, len(open_)),
        "rss_before": rss_before, "rss_after": rss_after, "cpu_opening": cpu_opening,
        "client_cpu_opening": client_opening, "cpu_burst": cpu_burst,
        "load": os.getloadavg()[0],
        "mb_per_student": statistics.mean([s.result.bytes_in for s in class_]) / 1e6,
    }


def fmt(value: float | None, unit: str = "s", digits: int = 2) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if unit == "ms" else f"{value:.{digits}f} s"


def report(rows: list[dict]) -> str:
    lines = [
        "| setup | students | first complete page p50 / p90 | slider move p50 / p90 "
        "| 'dose to 1 now' p90 | errors | memory per session | CPU for the opening: server / "
        "virtual browsers | MB per student | opening p90: files / first run "
        "| server CPU for the burst | load average (1 min, at the end) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['setup']} | {r['students']} | {fmt(r['page_p50'])} / {fmt(r['page_p90'])} "
            f"| {fmt(r['move_p50'], 'ms')} / {fmt(r['move_p90'], 'ms')} ({r['moves']} moves) "
            f"| {fmt(r['burst_p90'])} | {len(r['errors'])} "
            f"| {r['mb_per_session']:.2f} MB ({r['rss_before']:.0f} -> {r['rss_after']:.0f} MB)"
            f" | {r['cpu_opening']:.1f} s / {r['client_cpu_opening']:.1f} s "
            f"| {r['mb_per_student']:.1f} | {fmt(r['files_p90'])} / {fmt(r['run_p90'])} "
            f"| {r['cpu_burst']:.2f} s | {r['load']:.2f} |")
    return "\n".join(lines)


def goals(row: dict) -> list[str]:
    missed = []
    if row["page_p90"] is None or row["page_p90"] > GOALS["page_p90"]:
        missed.append(f"first complete page p90 {fmt(row['page_p90'])} > {GOALS['page_p90']} s")
    if row["move_p90"] is None or row["move_p90"] > GOALS["move_p90"]:
        missed.append(f"slider move p90 {fmt(row['move_p90'], 'ms')} > 60 ms")
    if row["burst_p90"] is None or row["burst_p90"] > GOALS["burst_p90"]:
        missed.append(f"burst p90 {fmt(row['burst_p90'])} > {GOALS['burst_p90']} s")
    if row["errors"] or row["opened"] < row["students"]:
        missed.append(f"{len(row['errors'])} errors, {row['opened']} of {row['students']} "
                      "pages opened")
    return missed


INDEX_FILES: set[str] = set()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--processes", type=int, default=2,
                        help="app processes behind nginx (default 2, this machine's cores)")
    parser.add_argument("--steady-s", type=float, default=40.0)
    parser.add_argument("--only", choices=("one", "proxied"))
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args(argv)
    random.seed(args.seed)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    files, missing = resolve_static(STATIC_FILES)
    if missing:
        print(f"note: {len(missing)} files of the recorded list are not in this Streamlit "
              f"({', '.join(missing[:5])}...)")
    index = (static_dir() / "index.html").read_text()
    INDEX_FILES.update("/" + m for m in re.findall(r'(?:src|href)="\./(static/[^"]+)"', index))
    print(f"A fresh browser fetches /{PAGE} and {len(files)} static files "
          f"({sum((static_dir() / f.lstrip('/')).stat().st_size for f in files) / 1e6:.1f} MB "
          f"uncompressed). {args.students} students, {os.cpu_count()} cores.")
    rows = []
    makers = {"one": OneProcess, "proxied": lambda: Proxied(args.processes)}
    for key in ("one", "proxied"):
        if args.only and args.only != key:
            continue
        setup = makers[key]()
        print(f"{setup.name}:", flush=True)
        try:
            rows.append(asyncio.run(run_class(setup, args.students, args.steady_s, files)))
        finally:
            setup.stop()
        time.sleep(2)
    print()
    print(report(rows))
    for row in rows:
        missed = goals(row)
        print(f"- {row['setup']}: " + ("meets every goal" if not missed else
                                       "misses: " + "; ".join(missed)))
        for error in sorted(set(row["errors"]))[:5]:
            print(f"    error: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
