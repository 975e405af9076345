// The language selector's twin links (docs/assets/calc/editions.js, twinURL).
import assert from "node:assert/strict";
import { test } from "node:test";

import { twinURL } from "../../docs/assets/calc/editions.js";

const FROM = "https://example.org/site/";
const TO = "https://example.org/site/zh-Hant/";

test("a page's twin is the same path under the other root, with its query and fragment", () => {
  assert.equal(twinURL(`${FROM}guide/sued/`, FROM, TO), `${TO}guide/sued/`);
  assert.equal(twinURL(`${FROM}calculators/budget/#income=1`, FROM, TO), `${TO}calculators/budget/#income=1`);
  assert.equal(twinURL(`${TO}guide/`, TO, FROM), `${FROM}guide/`);
  assert.equal(twinURL(FROM, FROM, TO), TO);
});

test("a page outside the edition has no twin", () => {
  assert.equal(twinURL("https://example.org/other/", FROM, TO), null);
});

test("an address that is not a plain relative path gives the edition's root", () => {
  for (const attack of [
    "/javascript:alert(document.domain)",
    "//evil.example/x",
    "\\evil.example/x",
    "javascript:alert(1)",
    "https://evil.example/",
    "%5Cevil.example/x",
  ]) {
    const twin = twinURL(FROM + attack, FROM, TO) || "";
    assert.ok(twin.startsWith(TO), `${attack} -> ${twin}`);
    assert.equal(new URL(twin).origin, "https://example.org");
  }
});

test("dot segments cannot climb out of the edition", () => {
  assert.equal(twinURL(`${FROM}../../etc/x`, FROM, TO), TO);
});
