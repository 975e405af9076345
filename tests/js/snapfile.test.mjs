// The memory snapshot as a file (docs/assets/calc/snapfile.js): its format (zero pages dropped,
// a checksum), and every way the private file system can be missing or busy, with fakes of the
// browser's OPFS (the real one runs in tests/browser/test_snapshot_in_browser.py).
import assert from "node:assert/strict";
import { test } from "node:test";

globalThis.self = globalThis;
const { Busy, checksum, decode, encode, fileKept, filesWork, readFile, snapshotFile } = await import(
  "../../docs/assets/calc/snapfile.js"
);

const BUILD = { pyodide: "314.0.7", app: "calculators-00ff", stdlib: "python_stdlib-abc-pyc.zip" };

/** A snapshot-like buffer: some pages zero, some not, a short last page. */
function memory() {
  const bytes = new Uint8Array(4096 * 9 + 144);
  for (const page of [0, 3, 4, 8]) bytes.fill(page + 1, page * 4096, page * 4096 + 100);
  bytes[4096 * 6 + 4095] = 7; // one byte at the end of a page keeps it
  bytes[bytes.length - 1] = 9; // and the short last page
  return bytes;
}

/** read(into, at) over a file's bytes, as a sync access handle does. */
const reader = (/** @type {Uint8Array} */ file) => (/** @type {Uint8Array} */ into, /** @type {number} */ at) => {
  const piece = file.subarray(at, at + into.length);
  into.set(piece);
  return piece.length;
};

test("a snapshot comes back byte for byte, without its zero pages stored", () => {
  const bytes = memory();
  const file = encode(bytes);
  assert.deepEqual(decode(reader(file), file.length), bytes);
  // 6 of 10 pages kept (the last one short): header 32, bitmap 2.
  assert.equal(file.length, 32 + 2 + 5 * 4096 + 144);
  const empty = new Uint8Array(4096 * 3);
  const none = encode(empty);
  assert.equal(none.length, 32 + 1);
  assert.deepEqual(decode(reader(none), none.length), empty);
});

test("a damaged, cut or foreign file is refused", () => {
  const file = encode(memory());
  for (const at of [40, 4096 * 2, file.length - 1]) {
    const damaged = file.slice();
    damaged[at] ^= 1;
    assert.throws(() => decode(reader(damaged), damaged.length), /checksum|length/, `byte ${at}`);
  }
  const mapDamaged = file.slice();
  mapDamaged[32] ^= 2; // the bitmap: another page said kept
  assert.throws(() => decode(reader(mapDamaged), mapDamaged.length), /length|checksum/);
  const cut = file.subarray(0, file.length - 10);
  assert.throws(() => decode(reader(cut), cut.length), /length|short/);
  assert.throws(() => decode(reader(file.subarray(0, 20)), 20), /short/);
  const foreign = file.slice();
  foreign[0] ^= 1;
  assert.throws(() => decode(reader(foreign), foreign.length), /ours/);
});

test("the checksum sees any one changed word, aligned or not", () => {
  const bytes = new Uint8Array(64).map((_, i) => i);
  const base = checksum(1, bytes);
  for (let i = 0; i < bytes.length; i += 1) {
    const other = bytes.slice();
    other[i] ^= 0x80;
    assert.notEqual(checksum(1, other), base, `byte ${i}`);
  }
  const unaligned = new Uint8Array(65);
  unaligned.set(bytes, 1);
  assert.equal(checksum(1, unaligned.subarray(1)), base);
});

// --- fakes of navigator.storage.getDirectory -------------------------------------------------

/** A directory holding `files` (name -> bytes); `handle` makes each file's sync access handle. */
function fakeDirectory(/** @type {Map<string, Uint8Array>} */ files, handle = "shared") {
  const fileHandle = (/** @type {string} */ name) => ({
    async createSyncAccessHandle() {
      if (handle === "locked") throw new DOMException("locked", "NoModificationAllowedError");
      const bytes = /** @type {Uint8Array} */ (files.get(name));
      const read = reader(bytes);
      return {
        read: (/** @type {Uint8Array} */ into, /** @type {{at: number}} */ { at }) => read(into, at),
        getSize: () => bytes.length,
        close() {},
      };
    },
    async getFile() {
      if (handle === "locked" && files.get("#gone")) throw new DOMException("busy", "NoModificationAllowedError");
      const bytes = /** @type {Uint8Array} */ (files.get(name));
      return { arrayBuffer: async () => bytes.slice().buffer };
    },
  });
  return {
    async getFileHandle(/** @type {string} */ name) {
      if (!files.has(name)) throw new DOMException("missing", "NotFoundError");
      return fileHandle(name);
    },
    async *keys() {
      yield* files.keys();
    },
    async removeEntry(/** @type {string} */ name) {
      files.delete(name);
    },
  };
}

function withStorage(/** @type {any} */ storage, /** @type {() => Promise<void>} */ body) {
  const before = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  Object.defineProperty(globalThis, "navigator", { value: { storage }, configurable: true });
  return body().finally(() => {
    if (before) Object.defineProperty(globalThis, "navigator", before);
    else delete (/** @type {any} */ (globalThis)).navigator;
  });
}

class FileHandle {
  createSyncAccessHandle() {}
  move() {}
}

test("no private file system, or a refused one: files do not work, nothing is found", async () => {
  await withStorage(undefined, async () => {
    assert.equal(await filesWork(), false);
    assert.equal(await fileKept(BUILD), false);
    assert.equal(await readFile(BUILD), null);
  });
  // A private window that refuses it.
  const refused = { getDirectory: async () => Promise.reject(new DOMException("no", "SecurityError")) };
  await withStorage(refused, async () => {
    /** @type {any} */ (globalThis).FileSystemFileHandle = FileHandle;
    try {
      assert.equal(await filesWork(), false);
      assert.equal(await fileKept(BUILD), false);
    } finally {
      delete (/** @type {any} */ (globalThis)).FileSystemFileHandle;
    }
  });
  // OPFS but no sync access handles (older WebKit) or no move().
  const dir = fakeDirectory(new Map());
  await withStorage({ getDirectory: async () => dir }, async () => {
    assert.equal(await filesWork(), false); // no FileSystemFileHandle at all
    /** @type {any} */ (globalThis).FileSystemFileHandle = class {
      move() {}
    };
    assert.equal(await filesWork(), false);
    /** @type {any} */ (globalThis).FileSystemFileHandle = class {
      createSyncAccessHandle() {}
    };
    assert.equal(await filesWork(), false);
    /** @type {any} */ (globalThis).FileSystemFileHandle = FileHandle;
    assert.equal(await filesWork(), true);
    delete (/** @type {any} */ (globalThis)).FileSystemFileHandle;
  });
});

test("a kept file is read through a sync access handle, or as a File when that is refused", async () => {
  const bytes = memory();
  const files = new Map([[snapshotFile(BUILD), encode(bytes)]]);
  await withStorage({ getDirectory: async () => fakeDirectory(files) }, async () => {
    assert.equal(await fileKept(BUILD), true);
    assert.deepEqual(await readFile(BUILD), bytes);
    assert.equal(await fileKept({ ...BUILD, app: "calculators-11ee" }), false);
  });
  // Another tab holds it with a handle of its own: read as a File instead.
  await withStorage({ getDirectory: async () => fakeDirectory(files, "locked") }, async () => {
    assert.deepEqual(await readFile(BUILD), bytes);
  });
  // ... and when that is refused too: Busy (the snapshot is kept; snapshot.js boots normally).
  files.set("#gone", new Uint8Array(1));
  await withStorage({ getDirectory: async () => fakeDirectory(files, "locked") }, async () => {
    await assert.rejects(readFile(BUILD), Busy);
  });
});
