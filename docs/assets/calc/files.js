// Files and the clipboard: what a widget hands to the reader. Where a file cannot be saved (an
// in-app browser: inapp.js), its text is handed over instead: copied, and shown to copy by hand.

import { inApp, inAppMsg, lastPressed } from "./inapp.js";

/**
 * Save text as a file on the reader's device. A CSV gets a BOM, so that Excel and WPS read it
 * as UTF-8 and the Chinese headers survive.
 * @param {string} name
 * @param {string} mime
 * @param {string} text
 * @param {string} [plain] what to copy instead, where a file cannot be saved (else `text`)
 * @returns {boolean} true: saved as a file; false: handed over as text instead
 */
export function saveFile(name, mime, text, plain = "") {
  if (inApp) {
    handOver(mime, plain || text);
    return false;
  }
  const parts = mime.startsWith("text/csv") ? ["\ufeff", text] : [text];
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob(parts, { type: mime }));
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 30000);
  return true;
}

/**
 * Copy text to the clipboard: true when it worked.
 * @param {string} text
 */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "calc-offscreen";
  document.body.append(area);
  area.select();
  let ok;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * The message key that says what was handed over (the in-app line's data-msg-*).
 * @param {string} mime
 */
function handOverKind(mime) {
  if (mime.startsWith("application/json")) return "code";
  if (mime.startsWith("text/calendar")) return "dates";
  if (mime.startsWith("text/csv")) return "table";
  return "text";
}

/**
 * A file's text for a browser that cannot save files: copied to the clipboard, and shown in a
 * box under the buttons of the one pressed (selectable by hand when copying failed), with a
 * sentence saying which and a button to close the box. One box per row of buttons.
 * @param {string} mime
 * @param {string} text
 */
export async function handOver(mime, text) {
  const button = lastPressed();
  const row = button ? button.closest(".calc-letter-actions, .calc-actions, .calc-save-actions") || button : null;
  const parent = row && row.parentElement;
  const box = document.createElement("div");
  box.className = "calc-handover";
  const line = document.createElement("p");
  line.setAttribute("role", "status");
  const area = document.createElement("textarea");
  area.readOnly = true;
  area.value = text;
  area.rows = Math.min(12, text.split("\n").length + 1);
  area.setAttribute("aria-label", inAppMsg("box-label"));
  area.addEventListener("focus", () => area.select());
  const close = document.createElement("button");
  close.type = "button";
  close.className = "calc-action";
  close.textContent = inAppMsg("close");
  close.addEventListener("click", () => box.remove(), { once: true });
  box.append(line, area, close);
  if (row && parent) {
    const old = row.nextElementSibling;
    if (old && old.classList.contains("calc-handover")) old.remove();
    parent.insertBefore(box, row.nextSibling);
  } else {
    document.body.append(box);
  }
  const copied = await copyText(text);
  const kind = handOverKind(mime);
  line.textContent = inAppMsg(`${copied ? "copied" : "by-hand"}-${kind}`);
}
