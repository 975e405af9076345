// Printing: the whole page, or one part of it (a letter, a plan) on a sheet of its own.

/**
 * Print the page, or only `target`. With a target, the part is copied into a sheet of its own
 * at the end of <body>, and <html data-calc-print> tells the print styles (assets/results.css)
 * to print that sheet alone, from the top of the first page: a letter (a textarea, as the
 * reader has edited it) as paragraphs that never break across a page, anything else as a copy
 * of the element. The sheet goes once printing is done.
 * @param {HTMLElement | null} target
 */
export function printPart(target) {
  document.querySelector(".calc-print-sheet")?.remove();
  if (target) {
    const sheet = document.createElement("div");
    sheet.className = "calc-print-sheet";
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
      for (const block of String(target.value).split(/\n\s*\n/)) {
        if (!block.trim()) continue;
        const paragraph = document.createElement("p");
        paragraph.textContent = block.replace(/^\n+|\n+$/g, "");
        sheet.append(paragraph);
      }
    } else {
      const copy = /** @type {HTMLElement} */ (target.cloneNode(true));
      copy.removeAttribute("id");
      for (const el of copy.querySelectorAll("[id]")) el.removeAttribute("id");
      sheet.append(copy);
    }
    document.body.append(sheet);
    document.documentElement.dataset.calcPrint = "sheet";
  }
  window.print();
}

// Every page: the sheet goes after printing, and collapsed parts of a widget (more options,
// the full table) are opened for the printout and closed again afterwards.
export function preparePrinting() {
  /** @type {HTMLDetailsElement[]} */
  const opened = [];
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll(".calc details:not([open])")) {
      if (!(details instanceof HTMLDetailsElement)) continue;
      details.open = true;
      opened.push(details);
    }
  });
  window.addEventListener("afterprint", () => {
    delete document.documentElement.dataset.calcPrint;
    document.querySelector(".calc-print-sheet")?.remove();
    for (const details of opened.splice(0)) details.open = false;
  });
}
