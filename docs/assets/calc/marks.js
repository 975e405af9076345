// Where the worker's start goes (worker.js, snapshot.js, compile.js): named moments, in ms of
// the worker's own clock (performance.now(); 0 is when the page created the worker). The worker
// sends them to the page after its first answer ({type: "marks"}, protocol.js), with its clock's
// origin, so the page can put them on its own clock (runtime.js, `marks`); the benchmark reads
// them there (benchmarks/boot.py). Each name is kept once: its first moment.
//
//   running          this module evaluated: the worker's script has arrived and runs
//   runtimeImported  pyodide.mjs imported
//   wasmCompiled     the runtime's WebAssembly compiled ahead (compile.js), when it was
//   snapshotBytes    the memory snapshot read and checked, ready for Pyodide
//   moduleReady      the WebAssembly instance created (Pyodide's module)
//   memoryRestored   the snapshot's memory copied into the instance
//   bootstrapDone    loadPyodide settled
//   checked          a snapshot boot's check answer given (snapshot.js)
//   firstAnswer      the page's first question answered

/** @type {Record<string, number>} */
export const marks = {};

/** @param {string} name */
export function mark(name) {
  if (!(name in marks)) marks[name] = performance.now();
}

mark("running");

// Pyodide 314 restores a snapshot with one HEAP8.set of the whole memory (compile.js marks the
// module's instantiation): watching that call is the only way to see the moment from outside.
// Only a mark: the call is passed on unchanged, and the built-in is itself again after it.
const set = Int8Array.prototype.set;
const BIG = 1 << 24;
/** @this {Int8Array} @param {ArrayLike<number>} source @param {number} [offset] */
Int8Array.prototype.set = function (source, offset) {
  set.call(this, source, offset);
  if (source.length >= BIG) {
    mark("memoryRestored");
    Int8Array.prototype.set = set; // once is enough
  }
};

/** Stop watching (once the runtime is up). */
export function unwatch() {
  Int8Array.prototype.set = set;
}
