// The big-text button: one button (overrides/main.html, `data-bigtext`, hidden until this runs) that makes the
// page's text larger (html.calc-bigtext, calc.css) and says so to screen readers
// (aria-pressed). It holds for the visit's pages shown by instant navigation (the class is on
// <html>, which stays). It is remembered only while the reader keeps their case on this device
// (the case's `display` part, store.js): the site keeps nothing before the tick to save. A kept
// setting is applied by overrides/main.html's head before the first paint. store.js is imported
// when the button is pressed, not with the page: a guide page does not carry it (issue 26's
// budget for a guide page's JavaScript).

const CLASS = "calc-bigtext";

function isOn() {
  return document.documentElement.classList.contains(CLASS);
}

/** @param {boolean} on */
function setBigText(on) {
  document.documentElement.classList.toggle(CLASS, on);
  for (const button of document.querySelectorAll("[data-bigtext]")) {
    button.setAttribute("aria-pressed", String(on));
  }
  // Writes nothing unless the reader keeps a case.
  import("./store.js").then((store) => store.setDisplay({ bigtext: on })).catch(() => {});
}

/**
 * When the reader ticks to save (savebar.js, which has store.js already): the text as it is
 * now is part of what is kept.
 * @param {{setDisplay: (settings: {bigtext: boolean}) => boolean}} store
 */
export function rememberBigText(store) {
  store.setDisplay({ bigtext: isOn() });
}

// Show this page's button, pressed or not as the text is now (every page, instant navigation
// included).
export function showBigTextButton() {
  const on = isOn();
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
    setBigText(!isOn());
  });
  showBigTextButton();
}
