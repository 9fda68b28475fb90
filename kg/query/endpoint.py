"""A read-only SPARQL 1.1 Protocol endpoint over a graph file (``kg serve``).

The HTTP side is the standard library's ``ThreadingHTTPServer``; every query runs
in pyoxigraph, in a pool of worker processes that open the store read-only. A
process is what makes the timeout real: a query still running when it expires is
stopped by ending its worker, which is then replaced.

Protocol (https://www.w3.org/TR/sparql11-protocol/): ``GET /sparql?query=…``,
``POST /sparql`` with a ``query=`` form or an ``application/sparql-query`` body;
``default-graph-uri`` and ``named-graph-uri`` are honoured. The result format
comes from a ``format`` (or ``output``) parameter, else from the ``Accept`` header:
JSON (default), XML, CSV or TSV for SELECT and ASK; Turtle (default), N-Triples,
RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE.

Status codes: 400 malformed query (the parser's message) or bad request; 403 an
update, a ``SERVICE`` clause or a non-loopback ``Host``; 404 another path; 405
another method; 406 no acceptable format; 413 a body over 1 MiB; 415 another body
type; 422 more rows than the result limit; 503 the query timed out.
"""

from __future__ import annotations

import contextlib
import gc
import ipaddress
import itertools
import logging
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import ConfigError, QueryError
from kg.query.store import read_store

__all__ = ["MAX_BODY", "Endpoint", "is_loopback", "open_endpoint", "refusal"]

_log = logging.getLogger(__name__)
MAX_BODY = 1 << 20  # bytes of a POST body
_STARTUP_SECONDS = 60.0
_TEXT = "text/plain; charset=utf-8"
_R = ox.QueryResultsFormat
_RESULT_FORMATS = {
    "json": _R.JSON, "application/sparql-results+json": _R.JSON, "application/json": _R.JSON,
    "xml": _R.XML, "application/sparql-results+xml": _R.XML, "application/xml": _R.XML,
    "text/xml": _R.XML, "csv": _R.CSV, "text/csv": _R.CSV, "tsv": _R.TSV,
    "text/tab-separated-values": _R.TSV,
}
_G = ox.RdfFormat
_GRAPH_FORMATS = {
    "turtle": _G.TURTLE, "ttl": _G.TURTLE, "text/turtle": _G.TURTLE, "application/turtle": _G.TURTLE,
    "nt": _G.N_TRIPLES, "n-triples": _G.N_TRIPLES, "application/n-triples": _G.N_TRIPLES,
    "xml": _G.RDF_XML, "rdf+xml": _G.RDF_XML, "application/rdf+xml": _G.RDF_XML,
    "application/xml": _G.RDF_XML, "json": _G.JSON_LD, "json-ld": _G.JSON_LD,
    "application/ld+json": _G.JSON_LD,
}
_ANY = {"*/*", "application/*", "text/*"}

# Strings, IRIs and comments, so that a keyword inside them is not taken for one.
_OPAQUE = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"|<[^<>"{}|^`\\\s]*>|\#[^\n\r]*""",
    re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)
_UPDATE = re.compile(
    r"\s*(?:(?:BASE\s*<>|PREFIX\s+[\w.-]*:\s*<>)\s*)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


def _unescape(match: re.Match[str]) -> str:
    try:
        return chr(int(match.group(1) or match.group(2), 16))
    except ValueError:  # beyond U+10FFFF: the parser rejects it anyway
        return match.group(0)


def _skeleton(query: str) -> str:
    """Return the query with its codepoint escapes applied and strings, IRIs and comments emptied."""
    text = _CODEPOINT.sub(_unescape, query)
    return _OPAQUE.sub(lambda m: "<>" if m.group(0).startswith("<") else ('""' if m.group(0)[0] in "'\"" else " "), text)


def refusal(query: str) -> str | None:
    """Say why the endpoint refuses QUERY, or return None when it may run.

    The endpoint never makes an outgoing request, so ``SERVICE`` (federated query,
    which pyoxigraph would fetch) is refused; updates are refused because the
    endpoint is read-only. Keywords inside strings, IRIs and comments do not count.

    Example:
        >>> refusal('SELECT * WHERE { ?s ?p "customer service" }') is None
        True
        >>> refusal("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
        'SERVICE (federated query) is disabled: this endpoint makes no outgoing requests'
        >>> refusal("PREFIX ex: <http://e.org/> INSERT DATA { ex:a ex:b ex:c }")
        'updates are refused: this endpoint is read-only'
    """
    skeleton = _skeleton(query)
    if _UPDATE.match(skeleton):
        return "updates are refused: this endpoint is read-only"
    if _SERVICE.search(skeleton):
        return "SERVICE (federated query) is disabled: this endpoint makes no outgoing requests"
    return None


def is_loopback(host: str) -> bool:
    """Return True for a loopback host name or address.

    Example:
        >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "example.org")]
        [True, True, True, False, False]
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Answer(NamedTuple):
    status: int
    content_type: str
    body: bytes


class _Job(NamedTuple):
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    wants: tuple[str, ...]
    max_rows: int


def _error(status: int, message: str) -> _Answer:
    return _Answer(status, _TEXT, (message.rstrip() + "\n").encode("utf-8"))


def _choose(wants: Sequence[str], formats: dict[str, Any], default: Any) -> Any:
    if not wants:
        return default
    for want in wants:
        if want in _ANY:
            return default
        if want in formats:
            return formats[want]
    return None


def _media_type(fmt: Any) -> str:
    media = str(fmt.media_type)
    return media if "charset" in media or not media.startswith("text/") else f"{media}; charset=utf-8"


def _solutions(result: ox.QuerySolutions, job: _Job) -> _Answer:
    fmt = _choose(job.wants, _RESULT_FORMATS, _R.JSON)
    if fmt is None:
        return _error(406, f"no acceptable format in {', '.join(job.wants)}; SELECT gives json, xml, csv or tsv")
    variables = result.variables
    rows = list(itertools.islice(result, job.max_rows + 1))
    if len(rows) > job.max_rows:
        return _error(422, f"the result has more than {job.max_rows} rows, the endpoint's limit; "
                           "add LIMIT (and OFFSET to page through it)")
    # Re-read the kept rows (terms in N-Triples syntax, as SPARQL TSV wants) so that
    # pyoxigraph writes every format; there is no other way to build QuerySolutions.
    lines = ["\t".join(str(v) for v in variables)]
    lines += ["\t".join("" if row[v] is None else str(row[v]) for v in variables) for row in rows]
    kept = ox.parse_query_results("\n".join(lines) + "\n", format=_R.TSV)
    return _Answer(200, _media_type(fmt), kept.serialize(format=fmt))  # type: ignore[union-attr]


def _triples(result: ox.QueryTriples, job: _Job) -> _Answer:
    fmt = _choose(job.wants, _GRAPH_FORMATS, _G.TURTLE)
    if fmt is None:
        return _error(406, f"no acceptable format in {', '.join(job.wants)}; "
                           "CONSTRUCT gives turtle, n-triples, rdf+xml or json-ld")
    triples = list(itertools.islice(result, job.max_rows + 1))
    if len(triples) > job.max_rows:
        return _error(422, f"the result has more than {job.max_rows} triples, the endpoint's limit; add LIMIT")
    return _Answer(200, _media_type(fmt), ox.serialize(triples, format=fmt))


def _answer(store: ox.Store, job: _Job) -> _Answer:
    """Run one protocol request's query on STORE and serialise the result or the error."""
    refused = refusal(job.query)
    if refused:
        return _error(403, refused)
    try:
        default = [ox.NamedNode(iri) for iri in job.default_graphs] or None
        named = [ox.NamedNode(iri) for iri in job.named_graphs] or None
    except ValueError as exc:
        return _error(400, f"bad graph IRI: {exc}")
    try:
        result = store.query(job.query, default_graph=default, named_graphs=named)
        if isinstance(result, ox.QueryBoolean):
            fmt = _choose(job.wants, _RESULT_FORMATS, _R.JSON)
            if fmt is None:
                return _error(406, f"no acceptable format in {', '.join(job.wants)}; ASK gives json, xml, csv or tsv")
            return _Answer(200, _media_type(fmt), result.serialize(format=fmt))
        if isinstance(result, ox.QuerySolutions):
            return _solutions(result, job)
        return _triples(result, job)
    except SyntaxError as exc:
        return _error(400, f"malformed query: {exc}")
    except (OSError, RuntimeError) as exc:  # evaluation errors, reported to the client
        return _error(500, f"query failed: {exc}")


def _work(store_dir: str, conn: Connection) -> None:
    """Worker loop: open the store read-only, then answer jobs until told to stop."""
    try:
        store = ox.Store.read_only(store_dir)
    except OSError as exc:
        conn.send(f"cannot open the store {store_dir}: {exc}")
        return
    conn.send(None)  # ready
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the server went away
            return
        if job is None:
            return
        conn.send(_answer(store, job))


def _worker_main() -> None:
    """Entry point of a worker process: ``python -c … FD STORE_DIR`` (see :class:`_Worker`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server stops us
    _work(sys.argv[2], Connection(int(sys.argv[1])))


class _Worker:
    """One query process, started fresh with ``python -c`` and talked to over a socket pair.

    A plain subprocess rather than ``multiprocessing``: spawn would re-run the
    caller's ``__main__`` script, and fork would copy a threaded server.
    """

    def __init__(self, store_dir: Path) -> None:
        ours, theirs = socket.socketpair()
        code = "from kg.query.endpoint import _worker_main; _worker_main()"
        with theirs:
            self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
                [sys.executable, "-c", code, str(theirs.fileno()), str(store_dir)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
            )
        self.conn = Connection(ours.detach())

    def ready(self) -> _Worker:
        """Wait until the worker has opened the store; return it."""
        if not self.conn.poll(_STARTUP_SECONDS):
            self.kill()
            raise QueryError(f"a query worker did not start within {_STARTUP_SECONDS:g} s")
        try:
            message = self.conn.recv()
        except EOFError as exc:
            self.kill()
            raise QueryError("a query worker stopped while starting") from exc
        if message is not None:
            self.kill()
            raise QueryError(message)
        return self

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # the worker may already be gone
            self.conn.send(None)
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.conn.close()


class _Pool:
    """Worker processes that each hold the store open read-only; a timed-out one is replaced."""

    def __init__(self, store_dir: Path, size: int) -> None:
        self.store_dir, self.size = store_dir, size
        self.idle: queue.Queue[_Worker | None] = queue.Queue()
        starting = [_Worker(store_dir) for _ in range(size)]  # start together, then wait
        try:
            for worker in starting:
                worker.ready()
        except QueryError:
            for worker in starting:
                worker.kill()
            raise
        for worker in starting:
            self.idle.put(worker)

    def run(self, job: _Job, timeout: float) -> _Answer:
        worker = self.idle.get()
        try:
            if worker is None or not worker.is_alive():
                if worker is not None:
                    worker.kill()
                worker = None
                worker = _Worker(self.store_dir).ready()
            worker.conn.send(job)
            if worker.conn.poll(timeout):
                answer: _Answer = worker.conn.recv()
                return answer
            worker.kill()  # the only way to stop a query inside pyoxigraph
            worker = None
            return _error(503, f"the query ran longer than the endpoint's timeout of {timeout:g} s")
        except (EOFError, OSError, QueryError) as exc:
            if worker is not None:
                worker.kill()
                worker = None
            return _error(500, f"the query worker failed: {exc}")
        finally:
            self.idle.put(worker)

    def close(self) -> None:
        for _ in range(self.size):
            worker = self.idle.get()
            if worker is not None:
                worker.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], pool: _Pool, *, timeout: float, max_rows: int) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler)
        self.pool, self.query_timeout, self.max_rows = pool, timeout, max_rows


def _accept(header: str) -> list[str]:
    ranked = []
    for index, part in enumerate(header.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                with contextlib.suppress(ValueError):  # a malformed q counts as 1
                    q = float(value)
        if media and q > 0:
            ranked.append((-q, index, media.lower()))
    return [media for *_, media in sorted(ranked)]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "kg-sparql"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        _log.info("%s " + format, self.address_string(), *args)

    def _send(self, answer: _Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Cache-Control", "no-store")
        if answer.status == 405:
            self.send_header("Allow", "GET, POST")
        self.end_headers()
        self.wfile.write(answer.body)

    def _refuse_request(self) -> _Answer | None:
        host = self.headers.get("Host")
        if host is not None:
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if not is_loopback(name):  # a rebound DNS name pointing at us
                return _error(403, f"Host '{host}' is not a loopback name")
        if urlsplit(self.path).path != "/sparql":
            return _error(404, "the SPARQL endpoint is /sparql")
        return None

    def _run(self, params: dict[str, list[str]], query: str | None) -> _Answer:
        if "update" in params:
            return _error(403, "updates are refused: this endpoint is read-only")
        if query is None:
            queries = params.get("query", [])
            if len(queries) != 1:
                return _error(400, "give exactly one 'query' parameter")
            query = queries[0]
        wants = [*params.get("format", []), *params.get("output", []),
                 *_accept(self.headers.get("Accept", ""))]
        job = _Job(query, tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])),
                   tuple(w.strip().lower() for w in wants if w.strip()), self.server.max_rows)
        return self.server.pool.run(job, self.server.query_timeout)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        """Answer ``GET /sparql?query=…``."""
        self._send(self._refuse_request() or self._run(parse_qs(urlsplit(self.path).query), None))

    def do_POST(self) -> None:  # noqa: N802
        """Answer a ``query=`` form or an ``application/sparql-query`` body."""
        refused = self._refuse_request()
        if refused:
            self._send(refused)
            return
        self._send(self._post())

    def _post(self) -> _Answer:
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return _error(411, "a POST needs a Content-Length")
        if length > MAX_BODY:
            return _error(413, f"the body is over {MAX_BODY} bytes")
        try:
            body = self.rfile.read(length).decode("utf-8")
        except UnicodeDecodeError as exc:
            return _error(400, f"the body is not UTF-8: {exc}")
        params = parse_qs(urlsplit(self.path).query)
        kind = self.headers.get_content_type()
        if kind == "application/x-www-form-urlencoded":
            return self._run({**params, **parse_qs(body)}, None)
        if kind == "application/sparql-query":
            return self._run(params, body)
        if kind == "application/sparql-update":
            return _error(403, "updates are refused: this endpoint is read-only")
        return _error(415, f"POST takes a query= form or application/sparql-query, not {kind}")

    def _not_allowed(self) -> None:
        self._send(_error(405, f"{self.command} is not allowed: this endpoint is read-only"))

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815 (Graph Store Protocol writes)


class Endpoint:
    """A SPARQL endpoint ready to serve: call :meth:`serve_forever`; :meth:`close` releases it.

    Use it as a context manager; :meth:`shutdown` stops ``serve_forever`` from another thread.
    """

    def __init__(self, server: _Server, pool: _Pool, tmp: tempfile.TemporaryDirectory[str] | None) -> None:
        self._server, self._pool, self._tmp = server, pool, tmp

    @property
    def url(self) -> str:
        """The endpoint's URL, e.g. ``http://127.0.0.1:8000/sparql``."""
        host, port = self._server.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/sparql"

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` is called (or the process is interrupted)."""
        self._server.serve_forever()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (call it from another thread)."""
        self._server.shutdown()

    def close(self) -> None:
        """Close the socket, stop the workers and remove a temporary store."""
        self._server.server_close()
        self._pool.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_endpoint(
    graph: Path, *, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0,
    max_rows: int = 10_000, workers: int = 2, store_dir: Path | None = None, concepts: bool = True,
) -> Endpoint:
    """Load GRAPH into an on-disk pyoxigraph store and bind a read-only SPARQL endpoint to it.

    Args:
        graph: an RDF file or a kg graph file (see :func:`kg.query.read_store`).
        host: a loopback address; the endpoint has no authentication.
        port: TCP port; 0 picks a free one (see :attr:`Endpoint.url`).
        timeout: seconds a query may run before it is stopped (503).
        max_rows: most rows (or triples) a result may have (more: 422).
        workers: query processes, i.e. queries that run at the same time.
        store_dir: keep the store in this folder (reused while GRAPH is unchanged);
            by default a temporary folder that :meth:`Endpoint.close` removes.
        concepts: also load ``ontology/concepts.ttl``.

    Returns:
        The endpoint, bound and with its workers started; nothing is answered
        until :meth:`Endpoint.serve_forever` runs.

    Raises:
        ConfigError: for a non-loopback host, bad limits, or a port that cannot be bound.
        InputError: when GRAPH cannot be read.
    """
    if not is_loopback(host):
        raise ConfigError(f"host '{host}' is not a loopback address; the endpoint only listens on loopback")
    if timeout <= 0 or max_rows < 1 or workers < 1:
        raise ConfigError("timeout must be > 0, max_rows and workers >= 1")
    tmp = tempfile.TemporaryDirectory(prefix="kg-serve-") if store_dir is None else None
    folder = Path(tmp.name) if tmp is not None else store_dir
    assert folder is not None
    try:
        _load(graph, folder, concepts)
        pool = _Pool(folder, workers)
        try:
            server = _Server((host, port), pool, timeout=timeout, max_rows=max_rows)
        except OSError as exc:
            pool.close()
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    except BaseException:
        if tmp is not None:
            tmp.cleanup()
        raise
    return Endpoint(server, pool, tmp)


def _load(graph: Path, folder: Path, concepts: bool) -> None:
    """Fill the on-disk store, then let the read-write instance go: workers open it read-only."""
    store = read_store(graph, store_dir=folder, concepts=concepts)
    del store
    gc.collect()
