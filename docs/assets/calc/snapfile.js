// The memory snapshot as a file of the origin private file system (snapshot.js keeps it here
// where it can, in Cache Storage where it cannot). The worker reads it synchronously through a
// sync access handle: no stream, no gzip, nothing to unzip; the 31 MB of memory are kept
// without their zero pages (about half of them), so about 16 MB are read and stored.
//
// The file: a header of eight 32-bit little-endian words (MAGIC, FORMAT, the snapshot's length,
// its number of 4 KiB pages, how many are kept, a checksum, two spare), a bitmap of the kept
// pages (1 = kept, the rest are zero), then the kept pages in order (the last one may be short).
// The checksum (checksum(), below) covers the bitmap and the kept bytes: a damaged or cut file
// is not used (and is deleted), like a gzip whose CRC-32 fails.
//
// Two tabs at once: a reader opens the file read-only (shared, where the browser has sync
// access handle modes), else reads it as a File; a reader that finds it locked boots the normal
// way and leaves it alone. A maker writes a file of its own name and moves it into place whole,
// so no reader sees half a snapshot; if the move fails (another tab's snapshot is in place or
// being read), its file is removed and the one in place stays.
//
// Where this is missing (no OPFS, no sync access handle or no move: older WebKit, some private
// windows and in-app browsers), `filesWork` says no and snapshot.js keeps today's gzip in Cache
// Storage. Page and worker both import this module: the page to see whether a snapshot is kept
// (early.js) and to erase every one (the save bar's clear-and-forget action, through offline.js).

import { isSnapshotCache, snapshotCache } from "./protocol.js";

const MAGIC = 0x31534b59; // "YKS1"
const FORMAT = 1;
const PAGE = 4096;
const HEADER = 32;

/** @typedef {import("./protocol.js").Build} Build */

/** This build's snapshot file's name (the snapshot cache's name, which carries the build). */
/** @param {Build} build */
export function snapshotFile(build) {
  return `${snapshotCache(build)}.bin`;
}

/** The origin's private directory, or null where there is none (or it is refused). */
async function root() {
  try {
    const storage = /** @type {any} */ (self.navigator || {}).storage;
    if (!storage || typeof storage.getDirectory !== "function") return null;
    return /** @type {FileSystemDirectoryHandle} */ (await storage.getDirectory());
  } catch {
    return null; // a private window may refuse it
  }
}

/** Whether snapshots can be kept as files here: OPFS with sync access handles and move(). */
export async function filesWork() {
  const file = /** @type {any} */ (self).FileSystemFileHandle;
  if (!file || typeof file.prototype.createSyncAccessHandle !== "function") return false;
  if (typeof file.prototype.move !== "function") return false;
  return (await root()) !== null;
}

/**
 * Whether this build's snapshot file exists (the page asks, before it starts the worker early).
 * @param {Build} build
 */
export async function fileKept(build) {
  const dir = await root();
  if (!dir) return false;
  try {
    await dir.getFileHandle(snapshotFile(build));
    return true;
  } catch {
    return false;
  }
}

/**
 * Delete every snapshot file but `keep` (a name); files locked by another tab stay.
 * @param {string} [keep]
 */
export async function dropFiles(keep = "") {
  const dir = await root();
  if (!dir) return;
  /** @type {string[]} */
  const names = [];
  for await (const name of /** @type {any} */ (dir).keys()) {
    if (isSnapshotCache(name) && name !== keep) names.push(name);
  }
  for (const name of names) await dir.removeEntry(name).catch(() => {});
}

/**
 * Erase every snapshot file (the save bar's clear-and-forget: offline.js, with every cache of the site). A maker that was
 * writing one has been stopped first (runtime.forget); its handle closes as it ends, so a file
 * still locked is tried again a few times.
 */
export async function eraseSnapshotFiles() {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await dropFiles();
    const dir = await root();
    if (!dir) return;
    let left = false;
    for await (const name of /** @type {any} */ (dir).keys()) left = left || isSnapshotCache(name);
    if (!left) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * FNV-1a over 32-bit words (and the tail's bytes), continuing from `h`: each step is a
 * bijection of the running value, so any one changed word changes the result.
 * @param {number} h
 * @param {Uint8Array} bytes
 */
export function checksum(h, bytes) {
  const whole = bytes.length & ~3;
  if (bytes.byteOffset % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, whole >> 2);
    for (let i = 0; i < words.length; i += 1) h = Math.imul(h ^ words[i], 0x01000193);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let i = 0; i < whole; i += 4) h = Math.imul(h ^ view.getUint32(i, true), 0x01000193);
  }
  for (let i = whole; i < bytes.length; i += 1) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/**
 * Which pages of `bytes` hold anything but zeros, as a bitmap.
 * @param {Uint8Array} bytes
 */
function keptPages(bytes) {
  const pages = Math.ceil(bytes.length / PAGE);
  const map = new Uint8Array(Math.ceil(pages / 8));
  for (let p = 0; p < pages; p += 1) {
    const end = Math.min(bytes.length, (p + 1) * PAGE);
    for (let i = p * PAGE; i < end; i += 1) {
      if (bytes[i] !== 0) {
        map[p >> 3] |= 1 << (p & 7);
        break;
      }
    }
  }
  return map;
}

/**
 * Runs of kept pages: [first byte, end byte] of the snapshot, in order.
 * @param {Uint8Array} map
 * @param {number} length
 */
function runs(map, length) {
  const pages = Math.ceil(length / PAGE);
  /** @type {[number, number][]} */
  const out = [];
  for (let p = 0; p < pages; p += 1) {
    if (!(map[p >> 3] & (1 << (p & 7)))) continue;
    const start = p * PAGE;
    const end = Math.min(length, start + PAGE);
    const last = out[out.length - 1];
    if (last && last[1] === start) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}

/**
 * The file's bytes for a snapshot: header, bitmap, kept pages (pure; tests/js runs it).
 * @param {Uint8Array} bytes
 */
export function encode(bytes) {
  const map = keptPages(bytes);
  const parts = runs(map, bytes.length);
  const body = parts.reduce((n, [a, b]) => n + b - a, 0);
  const out = new Uint8Array(HEADER + map.length + body);
  out.set(map, HEADER);
  let at = HEADER + map.length;
  let h = checksum(0x811c9dc5, map);
  for (const [a, b] of parts) {
    const piece = bytes.subarray(a, b);
    out.set(piece, at);
    at += piece.length;
  }
  h = checksum(h, out.subarray(HEADER + map.length));
  const head = new DataView(out.buffer, 0, HEADER);
  const kept = parts.reduce((n, [a, b]) => n + Math.ceil((b - a) / PAGE), 0);
  [MAGIC, FORMAT, bytes.length, Math.ceil(bytes.length / PAGE), kept, h, 0, 0].forEach((v, i) =>
    head.setUint32(i * 4, v, true),
  );
  return out;
}

/**
 * The snapshot again from a file's bytes, read through `read(into, at)` (which fills `into`
 * from byte `at` of the file and says how many bytes it read); throws on anything amiss.
 * @param {(into: Uint8Array, at: number) => number} read
 * @param {number} size the file's size
 */
export function decode(read, size) {
  const head = new Uint8Array(HEADER);
  if (size < HEADER || read(head, 0) !== HEADER) throw new Error("snapshot file: too short");
  const word = (/** @type {number} */ i) => new DataView(head.buffer).getUint32(i * 4, true);
  const [magic, format, length, pages, kept, sum] = [0, 1, 2, 3, 4, 5].map(word);
  if (magic !== MAGIC || format !== FORMAT) throw new Error("snapshot file: not one of ours");
  if (pages !== Math.ceil(length / PAGE)) throw new Error("snapshot file: header differs");
  const map = new Uint8Array(Math.ceil(pages / 8));
  if (read(map, HEADER) !== map.length) throw new Error("snapshot file: too short");
  const parts = runs(map, length);
  const body = parts.reduce((n, [a, b]) => n + b - a, 0);
  const counted = parts.reduce((n, [a, b]) => n + Math.ceil((b - a) / PAGE), 0);
  if (counted !== kept || size !== HEADER + map.length + body) {
    throw new Error("snapshot file: length differs");
  }
  const out = new Uint8Array(length);
  let at = HEADER + map.length;
  let h = checksum(0x811c9dc5, map);
  for (const [a, b] of parts) {
    const piece = out.subarray(a, b);
    if (read(piece, at) !== piece.length) throw new Error("snapshot file: too short");
    h = checksum(h, piece);
    at += piece.length;
  }
  if (h !== sum) throw new Error("snapshot file: checksum differs");
  return out;
}

export class Busy extends Error {}

/**
 * Read this build's snapshot file (in a worker), or null when there is none. Throws Busy when
 * another tab holds it, any other error when it is damaged.
 * @param {Build} build
 * @returns {Promise<Uint8Array | null>}
 */
export async function readFile(build) {
  const dir = await root();
  if (!dir) return null;
  /** @type {any} */
  let file;
  try {
    file = await dir.getFileHandle(snapshotFile(build));
  } catch {
    return null;
  }
  /** @type {any} */
  let handle = null;
  try {
    handle = await file.createSyncAccessHandle({ mode: "read-only" });
  } catch {
    handle = null; // locked by a writer, or no shared modes here: read it as a File instead
  }
  if (handle) {
    try {
      return decode((into, at) => handle.read(into, { at }), handle.getSize());
    } finally {
      handle.close();
    }
  }
  /** @type {ArrayBuffer} */
  let whole;
  try {
    whole = await (await file.getFile()).arrayBuffer();
  } catch (err) {
    throw new Busy(`snapshot file busy: ${err instanceof Error ? err.message : err}`);
  }
  const bytes = new Uint8Array(whole);
  return decode((into, at) => {
    const piece = bytes.subarray(at, at + into.length);
    into.set(piece);
    return piece.length;
  }, bytes.length);
}

/**
 * Store a snapshot as this build's file (in the maker): written under a name of its own, then
 * moved into place. Resolves to the bytes stored; rejects when it could not be put in place.
 * @param {Build} build
 * @param {Uint8Array} bytes
 */
export async function writeFile(build, bytes) {
  const dir = await root();
  if (!dir) throw new Error("no private file system");
  const name = snapshotFile(build);
  const part = `${name}.part-${Math.random().toString(36).slice(2)}`;
  const file = /** @type {any} */ (await dir.getFileHandle(part, { create: true }));
  const data = encode(bytes);
  try {
    const handle = await file.createSyncAccessHandle();
    try {
      handle.truncate(0);
      if (handle.write(data, { at: 0 }) !== data.length) throw new Error("snapshot file: short write");
      handle.flush();
    } finally {
      handle.close();
    }
    await dropFiles(part); // older builds' files, and this one's if it is not being read
    await file.move(name);
  } catch (err) {
    await dir.removeEntry(part).catch(() => {});
    throw err;
  }
  return data.length;
}
