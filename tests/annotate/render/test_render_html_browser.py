"""The HTML page in a real headless browser (Debian's chromium, never a downloaded one).

Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON
messages separated by NUL on file descriptors 3 and 4), so the test needs no package beyond
the browser. It checks that the page opens, shows a gloss on hover and on tap (on a phone-sized
screen, without sideways scrolling), and that no script from a story runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotate.render import html
from annotate.render.model import Glossed, Options
from annotate.spotting import Spotter
from annotate.story import Story
from glossary.models import Entry, Glossary

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install chromium); CI installs it",
)
TIMEOUT = 30.0

STORY = (
    'Heda spoke. <script>document.title = "pwned"; window.pwned = 1</script>\n\n'
    '<img src=x onerror="window.pwned = 2"> "Yu gonplei ste odon," she said to Wanheda, '
    "then walked a long way through the woods to the river and back again."
)
GLOSSARY = Glossary(
    terms=[
        Entry(term="Heda", translations=["Commander"]),
        Entry(term="Yu gonplei ste odon", translations=["Your fight is over"], kind="phrase"),
        Entry(term="Wanheda", translations=["Commander of Death"]),
    ]
)


class Browser:
    """Just enough of the DevTools protocol over Chromium's debugging pipe."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM is not None
        to_child, self._writer = os.pipe()
        self._reader, from_child = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4; move our ends out of
        # the way first so that the dup2s in the child cannot clobber each other.
        keep = [os.dup2(fd, 100 + i) for i, fd in enumerate((to_child, from_child))]
        os.close(to_child)
        os.close(from_child)

        def plumb() -> None:
            os.dup2(keep[0], 3)
            os.dup2(keep[1], 4)

        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=plumb,  # only dup2s, before exec
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for fd in keep:
            os.close(fd)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._writer, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise AssertionError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, event: str) -> dict[str, Any]:
        while True:
            for i, seen in enumerate(self.events):
                if seen.get("method") == event:
                    return self.events.pop(i)
            self.events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._reader], [], [], max(left, 0))
            if not ready:
                raise AssertionError("chromium did not answer in time")
            chunk = os.read(self._reader, 1 << 16)
            if not chunk:
                raise AssertionError("chromium closed the debugging pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def open(self, url: str) -> None:
        targets = self.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)[
            "sessionId"
        ]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def eval(self, expression: str) -> Any:
        answer = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return answer["result"].get("value")

    def close(self) -> None:
        with contextlib.suppress(AssertionError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._writer)
        os.close(self._reader)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    story = Story(path="stories/hostile.txt", text=STORY)
    document = html.render([Glossed(story, Spotter(GLOSSARY).spot(story))], Options())
    path = tmp_path / "hostile.html"
    path.write_text(document, encoding="utf-8")
    return path


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    running = Browser(tmp_path / "profile")
    try:
        yield running
    finally:
        running.close()


def centre(browser: Browser, selector: str, index: int = 0) -> tuple[float, float]:
    box = browser.eval(
        f"(() => {{ const r = document.querySelectorAll({json.dumps(selector)})[{index}]"
        ".getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    return box[0], box[1]


def tooltip(browser: Browser, index: int) -> dict[str, Any]:
    shown: dict[str, Any] = browser.eval(
        f"(() => {{ const t = document.querySelectorAll('.g .t')[{index}];"
        " const s = getComputedStyle(t); const r = t.getBoundingClientRect();"
        " return {display: s.display, position: s.position, text: t.innerText.trim(),"
        " inside: r.left >= 0 && r.right <= innerWidth && r.bottom <= innerHeight}; })()"
    )
    return shown


def test_the_page_opens_and_runs_no_script_from_the_story(browser: Browser, page: Path) -> None:
    browser.open(page.as_uri())
    assert browser.eval("document.title") == "hostile"
    assert browser.eval("window.pwned === undefined") is True
    assert browser.eval("document.scripts.length") == 0
    assert browser.eval("document.images.length") == 0
    assert "<script>document.title" in browser.eval("document.body.innerText")
    assert browser.eval("document.querySelectorAll('.g').length") == 3


def test_a_gloss_shows_on_hover(browser: Browser, page: Path) -> None:
    browser.open(page.as_uri())
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        width=1024,
        height=768,
        deviceScaleFactor=1,
        mobile=False,
    )
    assert tooltip(browser, 0)["display"] == "none"
    x, y = centre(browser, ".g", 0)
    browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    shown = tooltip(browser, 0)
    assert shown == {
        "display": "block",
        "position": "absolute",
        "text": "Commander glossary",  # the gloss, and the link to its entry
        "inside": True,
    }


def test_a_gloss_shows_on_tap_on_a_phone(browser: Browser, page: Path) -> None:
    browser.open(page.as_uri())
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        width=390,
        height=844,
        deviceScaleFactor=3,
        mobile=True,
    )
    browser.send("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
    assert browser.eval("document.documentElement.scrollWidth <= innerWidth") is True
    x, y = centre(browser, ".g", 1)
    browser.send("Input.dispatchTouchEvent", type="touchStart", touchPoints=[{"x": x, "y": y}])
    browser.send("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])
    time.sleep(0.2)  # the focus from the tap's synthesised click lands after the touch events
    assert browser.eval("document.activeElement.className") == "g"
    shown = tooltip(browser, 1)
    # On a phone the gloss is a bar at the bottom of the screen, where a finger hides nothing.
    assert shown == {
        "display": "block",
        "position": "fixed",
        "text": "Your fight is over glossary",
        "inside": True,
    }


def test_the_policy_would_stop_a_script_that_got_in(browser: Browser, page: Path) -> None:
    # Belt and braces: even a script tag in the page itself (no story can put one there) is
    # refused by the page's Content-Security-Policy.
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<main>", "<main><script>window.pwned = 3</script>"))
    browser.open(page.as_uri())
    assert browser.eval("document.scripts.length") == 1
    assert browser.eval("window.pwned === undefined") is True


def test_a_tap_elsewhere_hides_the_gloss_again(browser: Browser, page: Path) -> None:
    browser.open(page.as_uri())
    browser.send("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
    for selector, expected in ((".g", "block"), ("h1", "none")):
        x, y = centre(browser, selector, 0)
        browser.send("Input.dispatchTouchEvent", type="touchStart", touchPoints=[{"x": x, "y": y}])
        browser.send("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])
        time.sleep(0.2)
        assert tooltip(browser, 0)["display"] == expected
