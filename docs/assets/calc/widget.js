// One calculator widget: it reads its form by the `name`s, asks the runtime for
// `calculators.web.render(name, inputs)`, and puts back what Python returns (HTML that Python
// has already escaped). It knows no calculator: the markup comes from
// calculators/web/widget.py, and its result at first paint was prerendered by the same Python
// at build time and stays on screen until a newer one replaces it. Every sentence it shows
// comes with that markup (data-msg-*, converted with the rest of the Traditional page).
//
// Beside it: status.js (what it says besides the result), actions.js (its buttons: share,
// downloads, copy, print), rows.js (a list field as rows of boxes), links.js (share links and
// the form's values), steps.js (a result's buttons that set boxes: the rehearsal's replies),
// savebar.js (keeping the reader's case on this device) and edits.js (a
// letter the reader edited), casebar.js (the reader's kept case: the boxes filled from it,
// which creditor a letter is for, keeping a change in it) and caseform.js (the plan's editor of
// the case). mount.js creates
// one per widget on the page.

import { Actions } from "./actions.js";
import { CaseLink } from "./casebar.js";
import { editorIn } from "./caseform.js";
import { editedLetters, keepEdits } from "./edits.js";
import { applyLink, applyToday, namedControls, readForm, setControl, shareInputs, shareURL, yesWords } from "./links.js";
import { Rows } from "./rows.js";
import { runtime } from "./runtime.js";
import { SaveBar } from "./savebar.js";
import { applyChecks, watchChecks } from "./saved.js";
import { Status } from "./status.js";
import { Steps } from "./steps.js";

/**
 * @typedef {import("./protocol.js").Answer} Answer
 * @typedef {{search: string, hash: string}} Where
 * @typedef {{linkLocation: () => Where, linkUsed: () => void, pageNames: () => Set<string>,
 *   everyWidget: (fn: (widget: Widget) => void) => void}} Page
 * @typedef {{ok?: boolean, partial?: boolean, summary?: string, html?: string, figures?: string,
 *   inputs?: Record<string, string>, csv?: string, csv_name?: string,
 *   files?: Record<string, import("./actions.js").MadeFile>,
 *   publish?: Record<string, string>, field?: string, message?: string}} Rendered
 */

const DEBOUNCE_MS = 200;
const LANG = document.documentElement.lang || "zh-Hans";

export class Widget {
  /**
   * @param {HTMLElement} el the widget's <section class="calc">
   * @param {Page} page
   */
  constructor(el, page) {
    this.el = el;
    this.page = page;
    this.name = el.dataset.calc || "";
    this.form = /** @type {HTMLFormElement} */ (el.querySelector(".calc-form"));
    this.status = new Status(el, (key) => this.msg(key));
    this.result = /** @type {HTMLElement} */ (el.querySelector(".calc-result"));
    // What a screen reader hears after a change is the answer's one-sentence summary, said
    // once, not every figure, note and table row of the result being replaced (twice, when
    // the key figures come first): the result stops being a live region once the widget
    // runs, and a visually hidden one next to it gets the summary (Python's sentence).
    this.result.setAttribute("aria-live", "off");
    this.summary = document.createElement("p");
    this.summary.className = "calc-offscreen calc-summary";
    this.summary.setAttribute("aria-live", "polite");
    this.summary.setAttribute("aria-atomic", "true");
    this.result.before(this.summary);
    this.latest = 0; // id of the newest request; older answers are dropped
    this.timer = 0;
    this.ticket = 0;
    this.renders = 0;
    this.answers = 0;
    this.changed = false; // the reader changed something: answers are announced
    this.pending = false;
    this.keyShown = false;
    /** @type {string | null} */
    this.sentKey = null;
    /** @type {Record<string, string>} */
    this.sentInputs = {};
    /** @type {Set<string> | null} names sent in the first question after a link */
    this.asked = null;
    /** @type {Record<string, string>} */
    this.published = {};
    this.form.addEventListener("input", () => this.schedule(DEBOUNCE_MS));
    this.form.addEventListener("change", () => this.schedule(0));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.schedule(0);
    });
    // The save bar first: whatever the saved case holds, "clear" works.
    const bar = el.querySelector(".calc-save");
    this.bar = bar instanceof HTMLElement ? new SaveBar(bar, this, page.everyWidget) : null;
    this.actions = new Actions(this);
    this.steps = new Steps(this);
    this.rows = [...el.querySelectorAll(".calc-rows")].map(
      (box) => new Rows(/** @type {HTMLElement} */ (box), () => this.schedule(0)),
    );
    // The inputs a link or the saved case set: the first question to Python carries only
    // these, so that what follows from them (apr's mode) is worked out there, not taken from
    // defaults.
    const link = applyLink(this.form, page.linkLocation(), page.pageNames());
    /** @type {Set<string> | null} */
    this.given = link.given;
    if (link.applied) page.linkUsed();
    this.editor = editorIn(el);
    // The kept case fills the boxes (a link's numbers first) before the first question.
    this.caseLink = new CaseLink(this, link.debt);
    this.caseLink.refill = () => {
      this.given = null;
      this.schedule(0);
    };
    if (link.given.size || this.caseLink.waiting()) {
      // The reader's own numbers: a day counted from "today" (an agreement's days left) is
      // the device's. The example keeps its own day, which its dates were written for.
      applyToday(this.form, link.given);
      this.el.dataset.stale = "";
    }
    this.fromText();
    if (link.misspelled.length) this.status.showNotice(link.misspelled);
    applyChecks(this.result);
    watchChecks(this.result);
    this.result.addEventListener("input", (event) => {
      const box = event.target;
      if (box instanceof HTMLTextAreaElement && box.matches("textarea.calc-letter")) box.dataset.edited = "";
    });
    this.updateShareLink();
  }

  /** A sentence that came with the widget's markup (data-msg-KEY, in the page's script). @param {string} key */
  msg(key) {
    return this.el.getAttribute(`data-msg-${key}`) || "";
  }

  // A share link for this page opened while it is open: its inputs, as on a fresh load.
  followLink() {
    const link = applyLink(this.form, this.page.linkLocation(), this.page.pageNames());
    if (!link.applied) return;
    // Not used up here: the theme may redraw the page next, and its new widgets need it.
    this.given = link.given;
    this.fromText();
    this.el.dataset.stale = "";
    if (link.misspelled.length) this.status.showNotice(link.misspelled);
    this.schedule(0);
  }

  // The boxes drawn again from the text boxes the form sends (rows, the case's editor).
  fromText() {
    for (const rows of this.rows) rows.fromText();
    if (this.editor) this.editor.fromText();
  }

  // After an answer for what the form says, or when the reader starts keeping a case: the
  // plan keeps its case; another page says whether it differs from it (casebar.js).
  keep() {
    this.caseLink.answered();
  }

  // The saved case changed (an import, its undo): fill from it again.
  reloadFromStore() {
    this.caseLink.filled = false;
    applyChecks(this.result);
    if (!this.caseLink.waiting()) return this.caseLink.hide();
    this.given = null;
    this.schedule(0);
  }

  /** @param {"loading" | "paused" | "error"} state */
  setState(state) {
    this.el.dataset.state = state;
    if (state === "loading") {
      this.status.say(this.msg("stale" in this.el.dataset ? "starting-stale" : "starting"));
      this.showProgress();
    } else if (state === "paused") {
      this.status.paused(() => runtime.start());
    } else {
      const kind = this.actions.dropWanted();
      this.sayWithRetry(this.msg(kind ? `${kind}-failed` : "failed"));
    }
  }

  showProgress() {
    this.status.progress(runtime.loaded, runtime.total);
  }

  showOffline() {
    this.status.showOffline();
  }

  // `data-busy` is on the widget from a change until the answer for the latest inputs is
  // shown; tests and the benchmark wait for it to go.
  /** @param {number} delay */
  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = 0;
    this.changed = true;
    this.el.dataset.busy = "";
    this.status.changed();
    this.updateShareLink();
    if (runtime.state !== "ready") {
      this.el.dataset.stale = "";
      if (runtime.state === "idle") runtime.start();
      return;
    }
    if (delay > 0) {
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.compute();
      }, delay);
      return;
    }
    // A change is answered at once: after the event's other listeners (a row's text is
    // written back first), without waiting for a timer, which a busy page delays by
    // milliseconds. Several changes in one task still make one question.
    this.timer = -1; // pending, and a number clearTimeout ignores
    const ticket = (this.ticket += 1);
    queueMicrotask(() => {
      if (this.timer !== -1 || this.ticket !== ticket) return;
      this.timer = 0;
      this.compute();
    });
  }

  compute() {
    clearTimeout(this.timer);
    this.timer = 0;
    if (runtime.state !== "ready" || !this.el.isConnected) return;
    if (this.caseLink.waiting()) return this.caseLink.fillFirst(this);
    let inputs = readForm(this.form);
    if (this.given && this.given.size) {
      // The first question after a link or the saved case filled the form: only what they
      // set, and the answer's `inputs` fill in the rest (e.g. apr's mode, inferred by Python).
      const given = this.given;
      inputs = Object.fromEntries(Object.entries(inputs).filter(([name]) => given.has(name)));
      this.asked = new Set(Object.keys(inputs));
    }
    this.given = null;
    const key = JSON.stringify(inputs);
    if (key === this.sentKey) {
      // Nothing changed (e.g. `change` fires on leaving a box that was already answered):
      // asking again would redraw the result and lose what the person is editing in it.
      if (!this.pending) {
        delete this.el.dataset.busy;
        this.actions.downloadWanted();
      }
      return;
    }
    this.sentKey = key;
    this.sentInputs = inputs;
    this.pending = true;
    this.el.dataset.busy = "";
    this.ask(inputs, "key");
  }

  /**
   * `part` "key" asks for the key figures first when the view can give them apart (a long
   * schedule's table follows in the answer to "all"); any other view answers in full at once.
   * @param {Record<string, string>} inputs
   * @param {"key" | "all"} part
   */
  ask(inputs, part) {
    const question = { type: /** @type {const} */ ("render"), name: this.name, inputs, lang: LANG, part };
    this.latest = runtime.ask(question, (msg) => this.receive(msg));
  }

  /** @param {Answer} msg */
  receive(msg) {
    if (msg.id !== this.latest || !this.el.isConnected) return; // an answer to an older question
    /** @type {Rendered | null} */
    const data = msg.error === undefined ? JSON.parse(msg.json || "null") : null;
    if (data && data.ok && data.partial) {
      // The key figures; the whole answer for the same inputs is asked for at once (a
      // microtask: after whatever watches the page has seen the figures change).
      this.showKey(data);
      const inputs = this.sentInputs;
      queueMicrotask(() => {
        if (this.latest === msg.id && this.el.isConnected && runtime.worker) this.ask(inputs, "all");
      });
      return;
    }
    this.pending = false;
    this.result.removeAttribute("aria-busy");
    if (!data) this.sentKey = null; // let the same inputs be tried again
    // Every answer shown, good or bad, counts: tests and the benchmark wait on this number.
    this.answers += 1;
    this.el.dataset.answers = String(this.answers);
    if (!this.timer) delete this.el.dataset.busy;
    if (!data) {
      this.showBroken(msg.error || "");
      return;
    }
    if (this.asked) {
      this.fillInferred(data.inputs || {});
      this.asked = null;
    }
    this.keyShown = false;
    if (data.ok) this.show(data);
    else {
      this.status.showError(String(data.field), String(data.message));
      this.el.dataset.state = "ready";
      const kind = this.actions.dropWanted();
      if (kind) this.status.say(this.msg(`${kind}-invalid`), "action");
    }
  }

  /**
   * A bug in Python, not bad input (that comes back as {ok: false}): say so, keep the last
   * result, and leave the runtime running for the next try.
   * @param {string} error
   */
  showBroken(error) {
    console.warn(`calculators: ${this.name} failed:`, error);
    this.el.dataset.state = "ready";
    // Key figures shown without the rest they belong to: the result is not current.
    if (this.keyShown) this.el.dataset.stale = "";
    this.keyShown = false;
    this.actions.answered(null);
    const kind = this.actions.dropWanted();
    if (kind) this.status.say(this.msg(kind === "csv" ? "csv-broken" : "broken"), "action");
    else this.status.say(this.msg("broken"));
  }

  /** A good answer, in full. @param {Rendered} data */
  show(data) {
    this.announce(String(data.summary || ""));
    const edited = editedLetters(this.result);
    this.result.innerHTML = String(data.html); // escaped by Python (calculators.web)
    keepEdits(this.result, edited, (key) => this.msg(key));
    this.actions.answered(data);
    this.published = data.publish || {};
    applyChecks(this.result);
    this.keep();
    this.status.clearErrors();
    delete this.el.dataset.stale;
    this.renders += 1;
    this.el.dataset.renders = String(this.renders);
    this.el.dataset.state = "ready";
    if (this.status.kind !== "action") this.status.say("");
    this.actions.downloadWanted();
    this.steps.shown();
  }

  // The key figures of an answer whose rest (a long table) is still being made: they replace
  // the figures shown, and the rest of the result is marked busy until the whole answer
  // replaces it, a frame or two later. Only over a result that shows the previous answer as
  // it was: a prerendered one still waiting for the runtime, or one under an input error,
  // waits for the whole answer instead.
  /** @param {Rendered} data */
  showKey(data) {
    if (this.asked) {
      this.fillInferred(data.inputs || {});
      this.asked = null;
    }
    this.announce(String(data.summary || ""));
    if ("stale" in this.el.dataset || "invalid" in this.el.dataset) return;
    const shown = this.result.querySelector(".calc-figures");
    const made = document.createElement("template");
    made.innerHTML = String(data.figures || ""); // escaped by Python (calculators.web)
    const figures = made.content.querySelector(".calc-figures");
    if (!shown || !figures) return;
    shown.replaceWith(figures);
    this.keyShown = true;
    this.result.setAttribute("aria-busy", "true");
  }

  // The summary of an answer to the reader's own change, for screen readers (once: the same
  // sentence again is not repeated). Answers on page load are not announced.
  /** @param {string} text */
  announce(text) {
    if (!this.changed) return;
    if (this.summary.textContent !== text) this.summary.textContent = text;
  }

  // Fields the first question left out take what Python used, where that is not simply the
  // default the form already shows (a default is shown in the page's own script).
  /** @param {Record<string, string>} used */
  fillInferred(used) {
    const yes = yesWords(this.form);
    const asked = this.asked || new Set();
    for (const el of namedControls(this.form)) {
      if (asked.has(el.name) || !(el.name in used)) continue;
      if (used[el.name] !== el.dataset.default) setControl(el, used[el.name], yes);
    }
    this.sentKey = JSON.stringify(readForm(this.form));
    this.updateShareLink();
  }

  /** @param {string} text */
  sayWithRetry(text) {
    this.status.sayWithButton(text, this.msg("retry"), () => runtime.retry());
  }

  shareURL() {
    return shareURL(location.href, shareInputs(this.form));
  }

  updateShareLink() {
    const link = this.el.querySelector('[data-action="share"]');
    if (link instanceof HTMLAnchorElement) link.href = this.shareURL();
  }
}
