// The notes taken during a call, on the call card's page (markup: calculators/web/callnotes.py): a tap on a kind
// adds a line stamped with the device's time (HH:MM) and puts the cursor in it; a line can be
// edited or removed; the link to the after-call page carries the lines in its fragment (never a query: a
// fragment is not sent with a request), with today's date and blank terms. Nothing is stored:
// the lines live as long as the page.
// Every word shown comes with the markup.

/** @param {number} n */
const two = (n) => String(n).padStart(2, "0");

/** @param {Date} now */
export function clock(now) {
  return `${two(now.getHours())}:${two(now.getMinutes())}`;
}

/** @param {Date} now */
export function today(now) {
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/**
 * The fragment for the after-call page from the notes: each {kind, word, time, text}; empty lines left out.
 * `marks`: the punctuation that joins them, from the markup (between agent ids, after a kind's word,
 * between notes).
 * @param {{kind: string, word: string, time: string, text: string}[]} notes
 * @param {Date} now
 * @param {string} institution the creditor typed on the call card ("" for none)
 * @param {{and: string, colon: string, next: string}} marks
 */
export function carried(notes, now, institution, marks) {
  const kept = notes.filter((n) => n.text.trim());
  const params = new URLSearchParams();
  if (institution.trim()) params.set("institution", institution.trim());
  params.set("call_date", today(now));
  // What was agreed is typed there: the page's example terms are not the reader's.
  params.set("months", "");
  params.set("monthly", "");
  if (kept.length) params.set("call_time", kept[0].time);
  const agents = kept.filter((n) => n.kind === "agent").map((n) => n.text.trim());
  if (agents.length) params.set("agent", agents.join(marks.and));
  const said = kept
    .filter((n) => n.kind !== "agent")
    .map((n) => `${n.time} ${n.word ? n.word + marks.colon : ""}${n.text.trim()}`);
  if (said.length) params.set("note", said.join(marks.next));
  return params.toString();
}

/** @param {HTMLElement} box the .calc-callnotes section */
function mountOne(box) {
  if ("mounted" in box.dataset) return;
  box.dataset.mounted = "";
  const list = /** @type {HTMLOListElement} */ (box.querySelector(".calc-callnotes-list"));
  const empty = box.querySelector(".calc-callnotes-empty");
  const said = box.querySelector(".calc-callnotes-said");
  const carry = /** @type {HTMLAnchorElement} */ (box.querySelector(".calc-callnotes-carry"));
  const template = /** @type {HTMLTemplateElement} */ (box.querySelector("template.calc-callnotes-row"));
  const base = box.dataset.aftercall || "";
  const marks = { and: box.dataset.and || "", colon: box.dataset.colon || "", next: box.dataset.next || "" };

  const notes = () =>
    [...list.querySelectorAll("li")].map((li) => ({
      kind: /** @type {HTMLElement} */ (li).dataset.kind || "free",
      word: /** @type {HTMLElement} */ (li).dataset.word || "",
      time: /** @type {HTMLElement} */ (li).dataset.time || "",
      text: /** @type {HTMLInputElement} */ (li.querySelector("input")).value,
    }));
  const update = () => {
    const all = notes();
    if (empty instanceof HTMLElement) empty.hidden = all.length > 0;
    const card = document.querySelector('.calc[data-calc="callcard"] [name="institution"]');
    const institution = card instanceof HTMLInputElement || card instanceof HTMLTextAreaElement ? card.value : "";
    carry.href = `${base}#${carried(all, new Date(), institution, marks)}`;
  };

  box.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const add = target && target.closest("[data-note]");
    const remove = target && target.closest(".calc-callnote-remove");
    if (add instanceof HTMLElement) {
      const row = /** @type {HTMLLIElement} */ (template.content.firstElementChild?.cloneNode(true));
      const time = clock(new Date());
      row.dataset.kind = add.dataset.note || "free";
      row.dataset.word = add.dataset.word || "";
      row.dataset.time = time;
      const stamp = /** @type {HTMLElement} */ (row.querySelector(".calc-callnote-time"));
      stamp.textContent = `${time} ${add.textContent || ""}`;
      const input = /** @type {HTMLInputElement} */ (row.querySelector("input"));
      input.setAttribute("aria-label", `${time} ${add.textContent || ""}`);
      const button = /** @type {HTMLElement} */ (row.querySelector(".calc-callnote-remove"));
      button.setAttribute("aria-label", `${button.dataset.label || ""}${marks.colon}${time} ${add.textContent || ""}`);
      list.append(row);
      update();
      input.focus();
    } else if (remove instanceof HTMLElement) {
      const row = remove.closest("li");
      const next = row && (row.nextElementSibling || row.previousElementSibling);
      if (said) said.textContent = remove.getAttribute("aria-label") || "";
      row?.remove();
      update();
      const focus = next ? next.querySelector("input") : box.querySelector("[data-note]");
      if (focus instanceof HTMLElement) focus.focus();
    }
  });
  box.addEventListener("input", update);
  // The creditor's name typed on the card goes with the notes.
  document.addEventListener("input", (event) => {
    if (event.target instanceof Element && event.target.closest('.calc[data-calc="callcard"]')) update();
  });
  update();
}

/**
 * The notes under `root` (the page; instant navigation swaps pages in).
 * @param {ParentNode} root
 */
export function mountNotes(root) {
  for (const box of root.querySelectorAll(".calc-callnotes")) {
    if (box instanceof HTMLElement) mountOne(box);
  }
}
