// A letter the reader has typed into (a textarea.calc-letter in a widget's result) is not wiped
// by the next answer: their text stays, with a note and a button that puts in the letter made
// from the new numbers, replacing their edits only when they ask.

/**
 * What a download key is: the table ("csv") or another file (a letter, a calendar).
 * @param {string} key
 * @returns {"csv" | "file"}
 */
export function fileKind(key) {
  return key === "csv" ? "csv" : "file";
}

/**
 * The letters of `result` the reader has edited: textarea id -> their text.
 * @param {HTMLElement} result
 */
export function editedLetters(result) {
  /** @type {Map<string, string>} */
  const edited = new Map();
  for (const box of result.querySelectorAll("textarea.calc-letter[data-edited]")) {
    if (box instanceof HTMLTextAreaElement) edited.set(box.id, box.value);
  }
  return edited;
}

/**
 * Put the reader's text back into the redrawn letters of `result`, each with the note and the
 * button (sentences: `msg`, from the widget's markup).
 * @param {HTMLElement} result
 * @param {Map<string, string>} edited
 * @param {(key: string) => string} msg
 */
export function keepEdits(result, edited, msg) {
  for (const [id, text] of edited) {
    const box = id ? document.getElementById(id) : null;
    if (!(box instanceof HTMLTextAreaElement) || !result.contains(box) || box.value === text) continue;
    box.dataset.generated = box.value;
    box.value = text;
    box.dataset.edited = "";
    const note = document.createElement("p");
    note.className = "calc-letter-kept";
    note.setAttribute("role", "status");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "calc-action";
    button.textContent = msg("letter-regenerate");
    button.addEventListener("click", () => {
      box.value = box.dataset.generated || box.value;
      delete box.dataset.edited;
      note.remove();
      box.focus();
    });
    note.append(msg("letter-kept"), " ", button);
    box.after(note);
  }
}
