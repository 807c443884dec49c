#!/usr/bin/env python3
"""pip's verdict on the string constants of pip's and packaging's own test files (issue #21, item 8).

Collects every string constant of the given test files (f-string pieces skipped; the argument of
textwrap.dedent dedented; strings of a test_markers file also tried as the marker of "name; ..."),
writes each as requirements.txt in a fresh temp dir and runs pip's own file parser on it:
parse_requirements + install_req_from_parsed_requirement. "accept" = no exception, "reject" = any.
Cases whose verdict depends on the file system, network, environment or locale are "excluded".
With --record, each test file is also run under pytest (copied to a temp dir; the packaging it
imports must match it, e.g. PYTHONPATH=<packaging checkout>/src) and every string its tests pass
to packaging's Requirement() or Marker() becomes a case too: that reaches the parametrised cases.

Run:  python3 scripts/pip-agreement/oracle.py /tmp/pip-agreement.json [--record] <test files...>
then: npx tsx scripts/pip-agreement/compare.ts /tmp/pip-agreement.json --list 40
The test files are read at run time (export them from git); nothing upstream is stored here.
A test file may be given as repo@commit:path=<local file> to record where it came from.
The pip judged is the one Python imports: PYTHONPATH=<pip checkout>/src judges with that pip.
"""
import ast
import builtins
import contextlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import packaging
import pip
import pip._vendor.packaging as pip_packaging
from packaging.utils import canonicalize_name
from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._internal.req.req_file import ENV_VAR_RE, parse_requirements

MAX_LEN = 2000
# A "name @ url" requirement, which pip checks as a path too (it holds a "/").
NAME_AT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@")


RECORDER = """
import json, os, packaging.markers, packaging.requirements
seen, depth = [], [0]
def patch(cls, kind):
    real = cls.__init__
    def init(self, s, *a, **k):
        if isinstance(s, str) and depth[0] == 0:
            seen.append((kind, s))
        depth[0] += 1
        try:
            return real(self, s, *a, **k)
        finally:
            depth[0] -= 1
    cls.__init__ = init
patch(packaging.requirements.Requirement, "Requirement()")
patch(packaging.markers.Marker, "Marker()")
def pytest_sessionfinish(session):
    with open(os.environ["PIP_AGREEMENT_RECORD"], "w") as f:
        json.dump(seen, f)
"""


def recorded(path: str) -> List[Tuple[str, str]]:
    """(kind, string) for each string the file's tests pass to Requirement() or Marker(), by running them."""
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(path, os.path.join(d, os.path.basename(path)))
        with open(os.path.join(d, "pip_agreement_recorder.py"), "w") as f:
            f.write(RECORDER)
        out = os.path.join(d, "recorded.json")
        env = {**os.environ, "PIP_AGREEMENT_RECORD": out, "PYTHONPATH": os.pathsep.join([d, os.environ.get("PYTHONPATH", "")])}
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "pip_agreement_recorder", os.path.basename(path)]
        subprocess.run(cmd, cwd=d, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if not os.path.exists(out):
            return []
        with open(out, encoding="utf-8") as f:
            return [(kind, s) for kind, s in json.load(f)]


def strings(path: str) -> Iterator[Tuple[str, int]]:
    """(string, line) for each string constant of a Python file, f-string pieces left out."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "dedent":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    skip.add(id(arg))
                    yield textwrap.dedent(arg.value), arg.lineno
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.value, node.lineno


class Probe:
    """Records what a parse asks of the file system and the network, by wrapping the calls pip uses."""

    FS = [(os.path, n) for n in ("exists", "lexists", "isdir", "isfile", "islink")] + [
        (os, n) for n in ("stat", "lstat", "listdir", "scandir")
    ] + [(builtins, "open")]

    def __init__(self, own: str) -> None:
        self.own = own
        self.touched: List[Tuple[str, str]] = []
        self.network = False
        self.saved: List[Tuple[Any, str, Callable[..., Any]]] = []

    def __enter__(self) -> "Probe":
        for mod, name in self.FS:
            real = getattr(mod, name)
            self.saved.append((mod, name, real))
            setattr(mod, name, self.wrap(real))
        real_request = PipSession.request
        self.saved.append((PipSession, "request", real_request))

        def request(*_a: Any, **_k: Any) -> Any:
            self.network = True
            raise ConnectionError("network blocked by oracle")

        PipSession.request = request  # type: ignore[method-assign]
        return self

    def __exit__(self, *_exc: Any) -> None:
        for mod, name, real in reversed(self.saved):
            setattr(mod, name, real)

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        fn = real.__name__

        def probe(p: Any = None, *a: Any, **k: Any) -> Any:
            s = os.fsdecode(p) if isinstance(p, (str, bytes, os.PathLike)) else ""
            # Only pip's own queries count (not gettext's look-up of optparse's message catalogue), and
            # not those of a "name @ url" line made absolute, which no real directory has.
            caller = str(sys._getframe(1).f_globals.get("__name__", ""))
            rel = os.path.relpath(s, os.path.dirname(self.own)) if os.path.isabs(s) else s
            if s and caller.startswith("pip.") and os.path.abspath(s) != self.own and not NAME_AT.match(rel):
                self.touched.append((fn, s))
            return real(p, *a, **k)

        return probe


def judge(text: str, session: PipSession) -> Dict[str, Any]:
    """pip's verdict on one requirements-file body."""
    if ENV_VAR_RE.search(text):
        return {"verdict": "excluded", "excluded": "environment variable ${...} (pip expands it from os.environ)"}
    if any("\\" in line.split(";")[0] for line in text.splitlines() if not line.lstrip().startswith("-")):
        return {"verdict": "excluded", "excluded": "platform (a backslash before any ';' is a path separator on Windows only)"}
    if not text.isascii():
        return {"verdict": "excluded", "excluded": "locale (non-ASCII; pip decodes the file with the locale encoding)"}
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as d:
        own = os.path.join(d, "requirements.txt")
        with open(own, "wb") as f:
            f.write(text.encode("ascii"))
        os.chdir(d)
        out: Dict[str, Any]
        try:
            with Probe(own) as probe, contextlib.redirect_stderr(io.StringIO()):
                try:
                    reqs = [install_req_from_parsed_requirement(p) for p in parse_requirements(own, session)]
                    names = [canonicalize_name(r.req.name) if r.req is not None else None for r in reqs]
                    out = {"verdict": "accept", "names": names}
                    if len(reqs) == 1:
                        out.update(fields(reqs[0]))
                except OSError as e:
                    out = {"verdict": "excluded", "excluded": f"file system ({type(e).__name__})", "error": str(e)}
                except Exception as e:  # any other exception is pip rejecting the file
                    out = {"verdict": "reject", "error": f"{type(e).__name__}: {e}"}
        finally:
            os.chdir(cwd)
        out = {k: v.replace(d, "<tmp>") if isinstance(v, str) else v for k, v in out.items()}  # reproducible output
    if probe.network:
        return {"verdict": "excluded", "excluded": "network", **({"error": out["error"]} if "error" in out else {})}
    if probe.touched:
        opens = any(fn == "open" for fn, _ in probe.touched)
        why = "include (pip opens another file: -r/-c)" if opens else "file system (pip checks whether a local path exists)"
        return {**out, "pipVerdict": out["verdict"], "verdict": "excluded", "excluded": why}
    return out


def fields(ireq: Any) -> Dict[str, Any]:
    """The parts of an accepted requirement that compare.ts checks."""
    req = ireq.req
    return {
        "name": canonicalize_name(req.name) if req is not None else None,
        "extras": sorted(ireq.extras),
        "specifier": str(req.specifier) if req is not None else "",
        "marker": str(ireq.markers) if ireq.markers is not None else "",
        "url": ireq.link.url if ireq.link is not None else None,
    }


def main(argv: List[str]) -> None:
    args = [a for a in argv[1:] if a != "--record"]
    if len(args) < 2:
        sys.exit(__doc__)
    logging.disable(logging.CRITICAL)
    session = PipSession()
    sources: List[Dict[str, Optional[str]]] = []
    seen: Dict[str, str] = {}

    def add(text: str, where: str) -> None:
        if text.strip() and len(text) < MAX_LEN and text not in seen:
            seen[text] = where

    for arg in args[1:]:
        label, _, path = arg.partition("=") if "=" in arg else ("", "", arg)
        repo, _, rest = label.partition("@")
        commit, _, file = rest.partition(":")
        sources.append({"repo": repo or None, "commit": commit or None, "file": file or path})
        name = file or os.path.basename(path)
        for s, line in strings(path):
            add(s, f"{name}:{line}")
            if "test_markers" in name:
                add(f"name; {s}", f"{name}:{line} (as marker of 'name; ...')")
        runs = recorded(path) if "--record" in argv else []
        if "--record" in argv:
            print(f"{name}: {len(runs)} strings recorded from its tests")
        for kind, s in runs:
            if kind == "Marker()":
                add(f"name; {s}", f"{name} (recorded Marker(), as marker of 'name; ...')")
            else:
                add(s, f"{name} (recorded {kind})")
    cases = [{"text": t, "source": where, **judge(t, session)} for t, where in seen.items()]
    versions = {"pip": pip.__version__, "pipPackaging": pip_packaging.__version__, "packaging": packaging.__version__}
    with open(args[0], "w", encoding="utf-8") as f:
        json.dump({**versions, "sources": sources, "cases": cases}, f, indent=1)
    counts: Dict[str, int] = {}
    for c in cases:
        key = c["verdict"] + (f" ({c['excluded']})" if "excluded" in c else "")
        counts[key] = counts.get(key, 0) + 1
    print(f"pip {pip.__version__} (its packaging {pip_packaging.__version__}): {len(cases)} cases", json.dumps(counts, indent=1))


if __name__ == "__main__":
    main(sys.argv)
