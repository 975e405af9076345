"""Two more engines, driven through WebDriver: WebKit (Safari's engine) and Gecko (Firefox).

- WebKit: Debian's `webkit2gtk-driver` (WebKitWebDriver, which runs WebKitGTK's MiniBrowser)
  through Selenium's `webdriver.WebKitGTK`, in an Xvfb display of its own. Classic WebDriver
  only (WebKitWebDriver has no BiDi yet): no console or network events, so the test server
  puts a watcher at the top of every page it serves (`PROBE`, via tests/site_server.py), before
  the page's own Content-Security-Policy.
- Gecko: Debian's `firefox-esr`, headless, over WebDriver BiDi, which Firefox speaks itself
  (`--remote-debugging-port`): no geckodriver, no download. A small client (`Bidi`) sends
  commands and collects the console and network events; each test gets a user context of
  its own (fresh storage, cache and service workers).

Both implement `Engine`: navigate, run a function in the page, click and type as a person
does (WebDriver actions: a real user activation, which the clipboard needs), and report the
problems seen so far (console errors, uncaught errors, requests to another host, blocked
by the page's CSP). The journeys (test_journeys.py) are written once against it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import warnings
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"  # apt-get install webkit2gtk-driver
FIREFOX = "/usr/bin/firefox-esr"  # apt-get install firefox-esr
XVFB = "/usr/bin/Xvfb"  # apt-get install xvfb

# Put first in every page the WebKit tier loads: what the page logs as an error, what throws
# uncaught, what fails to load and what its CSP blocks, kept in window.__probe until read.
PROBE = """<script>(() => {
  const log = (window.__probe = []);
  const error = console.error;
  console.error = function (...args) {
    log.push("console.error: " + args.map(String).join(" "));
    return error.apply(this, args);
  };
  addEventListener("error", (e) => {
    const el = e.target;
    log.push(el && el !== window && !e.message
      ? `failed to load: ${el.src || el.href || el.tagName}`
      : `uncaught: ${e.message} (${e.filename}:${e.lineno})`);
  }, true);
  addEventListener("unhandledrejection", (e) => log.push(`unhandled rejection: ${e.reason}`));
  document.addEventListener("securitypolicyviolation", (e) => {
    log.push(`blocked by CSP: ${e.violatedDirective} ${e.blockedURI}`);
  });
})();</script>"""

# What a page reports when asked: the probe's lines and every URL it loaded (Resource
# Timing, the document included).
READ_PAGE = """() => ({
  probe: (window.__probe || []).splice(0),
  urls: [location.href, ...performance.getEntriesByType("resource").map((e) => e.name)],
})"""


class EngineError(AssertionError):
    """Something the engine reported (a failed command, a script that threw)."""


class Engine(ABC):
    """One browser engine, one page; `problems` accumulates until read."""

    name: str

    def __init__(self, origins: set[str]) -> None:
        self.origins = origins
        self._problems: list[str] = []

    # --- what each engine provides ---------------------------------------------------------

    @abstractmethod
    def _navigate(self, url: str) -> None: ...

    @abstractmethod
    def _reload(self) -> None: ...

    @abstractmethod
    def _call(self, function: str, args_json: str) -> str:
        """Run `async (argsJson) => JSON string` in the page and return the string."""

    @abstractmethod
    def click(self, selector: str) -> None:
        """A real click (pointer actions) on the first element matching `selector`."""

    @abstractmethod
    def type(self, selector: str, text: str) -> None:
        """Replace what the box holds with `text`, typed key by key."""

    @abstractmethod
    def screenshot(self, path: Path) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def _events(self) -> list[str]:
        """Problems the engine itself reported (console, network); none by default."""
        return []

    # --- shared ----------------------------------------------------------------------------

    def js(self, function: str, *args: Any) -> Any:
        """`function` (a JS function expression, may be async) applied to `args` in the page."""
        wrapper = (
            "async (argsJson) => { try { const value = await (" + function + ")"
            "(...JSON.parse(argsJson)); return JSON.stringify({ value: value ?? null }); }"
            " catch (e) { return JSON.stringify({ error: String(e && e.stack || e) }); } }"
        )
        answer = json.loads(self._call(wrapper, json.dumps(list(args))))
        if "error" in answer:
            raise EngineError(f"{self.name}: the page threw: {answer['error']}")
        return answer["value"]

    def wait(self, function: str, *args: Any, timeout: float, what: str) -> Any:
        """Until `function(...args)` is truthy in the page; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.js(function, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: not within {timeout:g} s: {what}")
            time.sleep(0.25)

    def goto(self, url: str) -> None:
        self._read_page()
        self._navigate(url)

    def reload(self) -> None:
        self._read_page()
        self._reload()

    def problems(self) -> list[str]:
        """Everything wrong seen so far (the current page included), then forgotten."""
        self._read_page()
        out = self._problems + self._events()
        self._problems = []
        return out

    def _read_page(self) -> None:
        try:
            page = self.js(READ_PAGE)
        except EngineError:
            return  # no page yet (about:blank before the first navigation)
        self._problems += page["probe"]
        self._problems += [f"request to another host: {u}" for u in page["urls"] if self.foreign(u)]

    def foreign(self, url: str) -> bool:
        if url.startswith(("data:", "about:")):
            return False
        inner = url[5:] if url.startswith("blob:") else url
        parts = urlsplit(inner)
        return f"{parts.scheme}://{parts.netloc}" not in self.origins


# --- WebKit ----------------------------------------------------------------------------------


class Display:
    """An Xvfb display of our own (the first free number; Xvfb says which)."""

    def __init__(self) -> None:
        read, write = os.pipe()
        self.process = subprocess.Popen(
            [XVFB, "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
            pass_fds=[write],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.process.kill()
            raise RuntimeError("Xvfb did not start")
        self.name = ":" + number

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class WebKit(Engine):
    name = "webkit"

    def __init__(self, origins: set[str], display: Display, size: tuple[int, int]) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        super().__init__(origins)
        env = {
            **os.environ,
            "DISPLAY": display.name,
            # A container (CI) has no user namespaces for WebKit's bubblewrap sandbox; the
            # pages are our own site on 127.0.0.1, as Chromium's --no-sandbox in
            # benchmarks/chromium.py.
            "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS": "1",
        }
        service = Service(executable_path=WEBKIT_DRIVER, env=env)
        with warnings.catch_warnings():
            # Selenium's own WebKitGTK class still passes the address the way it deprecates.
            warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
            self.driver = webdriver.WebKitGTK(options=Options(), service=service)
        self.driver.set_window_size(*size)
        self.driver.set_script_timeout(300)

    def _navigate(self, url: str) -> None:
        self.driver.get(url)

    def _reload(self) -> None:
        self.driver.refresh()

    def _call(self, function: str, args_json: str) -> str:
        script = (
            f"const done = arguments[arguments.length - 1];({function})(arguments[0]).then(done);"
        )
        return str(self.driver.execute_async_script(script, args_json))

    def _element(self, selector: str) -> Any:
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        return element

    def click(self, selector: str) -> None:
        self._element(selector).click()

    def type(self, selector: str, text: str) -> None:
        element = self._element(selector)
        element.clear()
        element.send_keys(text)

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))

    def close(self) -> None:
        self.driver.quit()


# --- Gecko -----------------------------------------------------------------------------------

# Preferences for the throwaway profile: the clipboard may be read back without a paste
# prompt (what the test checks), and nothing the browser does for itself goes out.
FIREFOX_PREFS = {
    "dom.events.testing.asyncClipboard": True,
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "app.update.disabledForTesting": True,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
}


class Bidi:
    """A WebDriver BiDi session with Firefox: one command at a time; events are kept."""

    def __init__(self) -> None:
        import websocket

        self.profile = tempfile.mkdtemp(prefix="gecko-profile-")
        Path(self.profile, "user.js").write_text(
            "".join(
                f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in FIREFOX_PREFS.items()
            )
        )
        self.process = subprocess.Popen(
            [
                FIREFOX,
                "--headless",
                "--no-remote",
                "--remote-debugging-port",
                "0",
                "--profile",
                self.profile,
                "about:blank",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        url = None
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if match := re.search(r"WebDriver BiDi listening on (ws://\S+)", line):
                url = match.group(1)
                break
        if url is None:
            self.process.kill()
            raise RuntimeError("firefox-esr did not open WebDriver BiDi")
        # Firefox keeps writing to stdout: read it away so it never blocks on a full pipe.
        import threading

        self.drain = threading.Thread(target=self.process.stdout.read, daemon=True)
        self.drain.start()
        # Firefox refuses a handshake with an Origin header (as a web page would send).
        self.socket = websocket.create_connection(url + "/session", suppress_origin=True)
        self.events: list[dict[str, Any]] = []
        self.next_id = 0
        self.command(
            "session.new", {"capabilities": {"alwaysMatch": {"unhandledPromptBehavior": "ignore"}}}
        )

    def command(self, method: str, params: dict[str, Any], timeout: float = 300) -> Any:
        self.next_id += 1
        self.socket.settimeout(timeout)
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("type") == "event":
                self.events.append(message)
            elif message.get("id") == self.next_id:
                if message.get("type") == "error":
                    raise EngineError(
                        f"gecko: {method}: {message.get('error')}: {message.get('message')}"
                    )
                return message["result"]

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing anyway
            self.command("browser.close", {}, timeout=30)
        self.socket.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.drain.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class Gecko(Engine):
    name = "gecko"

    def __init__(self, origins: set[str], bidi: Bidi, size: tuple[int, int]) -> None:
        super().__init__(origins)
        self.bidi = bidi
        self.user_context = bidi.command("browser.createUserContext", {})["userContext"]
        self.context = bidi.command(
            "browsingContext.create", {"type": "tab", "userContext": self.user_context}
        )["context"]
        bidi.command(
            "browsingContext.setViewport",
            {"context": self.context, "viewport": {"width": size[0], "height": size[1]}},
        )
        self.subscription = bidi.command(
            "session.subscribe",
            {
                "events": ["log.entryAdded", "network.beforeRequestSent"],
                "userContexts": [self.user_context],
            },
        ).get("subscription")
        bidi.events.clear()

    def _navigate(self, url: str) -> None:
        self.bidi.command(
            "browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"}
        )

    def _reload(self) -> None:
        self.bidi.command("browsingContext.reload", {"context": self.context, "wait": "complete"})

    def _call(self, function: str, args_json: str) -> str:
        result = self.bidi.command(
            "script.callFunction",
            {
                "functionDeclaration": function,
                "arguments": [{"type": "string", "value": args_json}],
                "target": {"context": self.context},
                "awaitPromise": True,
            },
        )
        if result.get("type") == "exception":
            raise EngineError(f"gecko: {result['exceptionDetails'].get('text')}")
        return str(result["result"]["value"])

    def _pointer_to(self, selector: str) -> dict[str, Any]:
        found = self.bidi.command(
            "script.callFunction",
            {
                "functionDeclaration": "(sel) => { const el = document.querySelector(sel);"
                " if (el) el.scrollIntoView({block: 'center'}); return el; }",
                "arguments": [{"type": "string", "value": selector}],
                "target": {"context": self.context},
                "awaitPromise": False,
            },
        )["result"]
        if found.get("type") != "node":
            raise EngineError(f"gecko: no element matches {selector}")
        return {"type": "element", "element": {"sharedId": found["sharedId"]}}

    def click(self, selector: str) -> None:
        origin = self._pointer_to(selector)
        actions = [
            {"type": "pointerMove", "x": 0, "y": 0, "origin": origin},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        self._perform([{"type": "pointer", "id": "mouse", "actions": actions}])

    def type(self, selector: str, text: str) -> None:
        self.click(selector)
        keys: list[dict[str, Any]] = [
            {"type": "keyDown", "value": "\ue009"},  # Control
            {"type": "keyDown", "value": "a"},
            {"type": "keyUp", "value": "a"},
            {"type": "keyUp", "value": "\ue009"},
            {"type": "keyDown", "value": "\ue003"},  # Backspace
            {"type": "keyUp", "value": "\ue003"},
        ]
        for char in text:
            keys += [{"type": "keyDown", "value": char}, {"type": "keyUp", "value": char}]
        self._perform([{"type": "key", "id": "keyboard", "actions": keys}])

    def _perform(self, actions: list[dict[str, Any]]) -> None:
        self.bidi.command("input.performActions", {"context": self.context, "actions": actions})
        self.bidi.command("input.releaseActions", {"context": self.context})

    def screenshot(self, path: Path) -> None:
        data = self.bidi.command("browsingContext.captureScreenshot", {"context": self.context})[
            "data"
        ]
        path.write_bytes(base64.b64decode(data))

    def _events(self) -> list[str]:
        out = []
        for event in self.bidi.events:
            params = event["params"]
            if event["method"] == "log.entryAdded" and params.get("level") == "error":
                out.append(f"console ({params.get('type')}): {params.get('text')}")
            elif event["method"] == "network.beforeRequestSent":
                url = params["request"]["url"]
                if self.foreign(url):
                    out.append(f"request to another host: {url}")
        self.bidi.events.clear()
        return out

    def close(self) -> None:
        if self.subscription:
            self.bidi.command("session.unsubscribe", {"subscriptions": [self.subscription]})
        self.bidi.command("browsingContext.close", {"context": self.context})
        self.bidi.command("browser.removeUserContext", {"userContext": self.user_context})
