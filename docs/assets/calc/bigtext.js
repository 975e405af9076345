// The big-text button: one button (overrides/main.html, `data-bigtext`, hidden until this runs) that makes the
// page's text larger (html.calc-bigtext, calc.css) and says so to screen readers
// (aria-pressed). It holds for the visit's pages shown by instant navigation (the class is on
// <html>, which stays); it is not written anywhere: the site keeps nothing before the reader
// ticks to save, and the saved case (store.js) has no place for it yet.

const CLASS = "calc-bigtext";

/** @param {boolean} on */
function setBigText(on) {
  document.documentElement.classList.toggle(CLASS, on);
  for (const button of document.querySelectorAll("[data-bigtext]")) {
    button.setAttribute("aria-pressed", String(on));
  }
}

// Show this page's button, pressed or not as the text is now (every page, instant navigation
// included).
export function showBigTextButton() {
  const on = document.documentElement.classList.contains(CLASS);
  for (const button of document.querySelectorAll("[data-bigtext]")) {
    if (!(button instanceof HTMLElement)) continue;
    button.hidden = false;
    button.setAttribute("aria-pressed", String(on));
  }
}

// Once per visit: one listener for every page's button.
export function setUpBigText() {
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("[data-bigtext]");
    if (!button) return;
    setBigText(!document.documentElement.classList.contains(CLASS));
  });
  showBigTextButton();
}
