// The worker's refusal of other origins (docs/assets/calc/guard.js), on a stand-in for a
// worker's global object; tests/browser/test_trust_in_browser.py asks the real one.
import assert from "node:assert/strict";
import { test } from "node:test";

import { lockToOrigin, ownOrigin, sameScript } from "../../docs/assets/calc/guard.js";

const BASE = "https://site.example/s/assets/calc/worker.js?pyodide=1";
const ORIGIN = "https://site.example";

test("own origin: relative, same-origin and data: URLs; not other hosts, ports or schemes", () => {
  for (const url of ["../pyodide/x.wasm", "/other/x", "https://site.example/x", "data:text/plain,1"]) {
    assert.ok(ownOrigin(url, BASE, ORIGIN), url);
  }
  for (const url of ["https://evil.example/x", "//evil.example/x", "http://site.example/x",
    "https://site.example:8443/x", "ws://site.example/x", "blob:https://evil.example/1", "javascript:1"]) {
    assert.ok(!ownOrigin(url, BASE, ORIGIN), url);
  }
  assert.ok(ownOrigin(new URL("https://site.example/y"), BASE, ORIGIN));
});

test("a nested worker may only be this same script", () => {
  assert.ok(sameScript("worker.js?other=1", BASE));
  assert.ok(!sameScript("evil.js", BASE));
  assert.ok(!sameScript("blob:https://site.example/1", BASE));
  assert.ok(!sameScript("data:text/javascript,1", BASE));
});

function standIn() {
  const sent = [];
  const proto = {
    fetch(url) {
      sent.push(["fetch", String(url)]);
      return Promise.resolve("sent");
    },
    importScripts(...urls) {
      sent.push(["importScripts", ...urls]);
    },
  };
  class XMLHttpRequest {
    open(method, url) {
      sent.push(["xhr", url]);
    }
  }
  class WebSocket {
    constructor(url) {
      sent.push(["ws", url]);
    }
  }
  class Worker {
    constructor(url) {
      sent.push(["worker", url]);
    }
  }
  const scope = Object.create(proto);
  Object.assign(scope, { location: new URL(BASE), XMLHttpRequest, WebSocket, Worker });
  scope.fetch = proto.fetch; // an own one too, as a global object's
  return { scope, proto, sent, originals: { WebSocket } };
}

test("every way to ask is refused for another origin and passes for this one", async () => {
  const { scope, proto, sent, originals } = standIn();
  lockToOrigin(scope);
  const evil = "https://evil.example/x";
  await assert.rejects(scope.fetch(evil), TypeError);
  await assert.rejects(proto.fetch.call(scope, evil), TypeError); // the prototype's too
  assert.throws(() => scope.importScripts(evil), TypeError);
  assert.throws(() => new scope.XMLHttpRequest().open("GET", evil), TypeError);
  assert.throws(() => new scope.WebSocket("wss://evil.example/"), TypeError);
  assert.throws(() => new scope.WebSocket("wss://site.example/"), TypeError); // another scheme
  assert.throws(() => new originals.WebSocket.prototype.constructor("wss://evil.example/"), TypeError);
  assert.throws(() => new scope.Worker("blob:https://site.example/1"), TypeError);
  assert.deepEqual(sent, []);
  assert.equal(await scope.fetch("../x.json"), "sent");
  new scope.XMLHttpRequest().open("GET", "/s/y");
  new scope.Worker("worker.js?x=1");
  assert.deepEqual(sent.map((s) => s[0]), ["fetch", "xhr", "worker"]);
  // A guarded constructor still makes instances of the original's kind.
  const Socket = function () {};
  Socket.prototype = scope.WebSocket.prototype;
  assert.ok(Object.create(Socket.prototype) instanceof scope.WebSocket);
});
