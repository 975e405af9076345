// The language selector: overrides/partials/alternate.html links each page to its twin in the
// other edition (the same path under the other edition's root). The header is not replaced by
// instant navigation, so after each page change, and at the moment of a click (for the current
// #fragment and ?inputs), the links are pointed at the twin of the page now shown. Their data-
// URLs are relative to the page the header was drawn for: resolved once, when set up.
//
// The address is the reader's to type, and a host answers any unknown path with 404.html,
// whose selector is drawn too: "/site//javascript:alert(1)" or "/site////evil.example/x" must
// not become a link. Only a same-origin edition root is used, and a remainder that is not a
// plain relative path (a scheme, a leading slash or backslash) gives the root itself.

/**
 * The twin of `here` in the edition at `to`, or null when `here` is not under `from` (pure:
 * tests/js/editions.test.mjs).
 * @param {string} here
 * @param {string} from
 * @param {string} to
 */
export function twinURL(here, from, to) {
  if (!here.startsWith(from)) return null;
  const rest = here.slice(from.length);
  if (/^[/\\]|^[a-z][a-z\d+.-]*:/i.test(rest)) return to;
  const twin = new URL(rest, to);
  return twin.origin === new URL(to).origin && twin.href.startsWith(to) ? twin.href : to;
}

/**
 * Find the header's edition links and keep them pointed at this page's twins; returns the
 * function that points them again (after each page change).
 */
export function setUpEditionLinks() {
  /** @type {{link: HTMLAnchorElement, from: string, to: string}[]} */
  const links = [];
  for (const link of document.querySelectorAll("a[data-edition-link]")) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    const from = new URL(link.dataset.editionRoot || "", location.href);
    const to = new URL(link.dataset.targetRoot || "", location.href);
    if (from.origin !== location.origin || to.origin !== location.origin) continue;
    links.push({ link, from: from.href, to: to.href });
  }
  const point = () => {
    for (const { link, from, to } of links) {
      const twin = twinURL(location.href, from, to);
      if (twin) link.href = twin;
    }
  };
  // Capture: before the theme's own click handling on <body>.
  document.addEventListener(
    "click",
    (event) => {
      if (event.target instanceof Element && event.target.closest("a[data-edition-link]")) point();
    },
    true,
  );
  return point;
}
