// In-app browsers: a page opened inside WeChat, QQ, Weibo, DingTalk and the like. There a file
// cannot be saved (a blob: download fails or opens as text), printing is not offered, and on
// iPhones nothing is kept offline. The page says so once, calmly, at the top (the line is in
// every page's markup, hidden: overrides/main.html, `data-inapp`), print buttons are hidden
// (html.calc-inapp, calc.css), and every download hands its text over instead: copied, and
// shown in a box under the button to copy by hand (files.js, handOver). The save bar's
// "paste" import (shown only here) takes the export back the same way.
//
// Every sentence comes with the markup: the line's own text and its data-msg-* attributes.

/** What an in-app browser's user agent says about it; a phone's own browsers say none of it. */
const IN_APP = [
  /MicroMessenger\//i, // WeChat, and WeCom (wxwork) which says it too
  /\bQQ\/\d/, // QQ's own pages (not QQ Browser, the standalone app: "MQQBrowser/" only)
  /\bWeibo\b|__weibo__/i,
  /DingTalk\//i,
  /AlipayClient\//i,
  /baiduboxapp\//i,
  /\bNewsArticle\/|\baweme|\bToutiao/i, // Toutiao, Douyin
  /\bLark\/|\bFeishu\b/i,
  /\bKwai\b|\bkuaishou\b/i,
  /\bXiaoHongShu\b|\bdiscover\/\d/i,
];

/**
 * Whether `ua` is an in-app browser's (pure: tests/js/inapp.test.mjs).
 * @param {string} ua
 */
export function isInApp(ua) {
  return IN_APP.some((re) => re.test(ua));
}

export const inApp = typeof navigator !== "undefined" && isInApp(navigator.userAgent || "");

/** @type {Element | null} the action button the reader pressed last (where a hand-over goes) */
let lastAction = null;

/** The button pressed last, if it is still on the page. */
export function lastPressed() {
  return lastAction && lastAction.isConnected ? lastAction : null;
}

/**
 * The in-app line's sentence for `key` (its data-msg-*), or "".
 * @param {string} key
 */
export function inAppMsg(key) {
  const line = document.querySelector("[data-inapp]");
  return (line && line.getAttribute(`data-msg-${key}`)) || "";
}

// Show the page's line (called for every page, instant navigation included).
export function showInAppLine() {
  if (!inApp) return;
  for (const line of document.querySelectorAll("[data-inapp]")) {
    if (line instanceof HTMLElement) line.hidden = false;
  }
}

// Once per visit: mark the document, remember the buttons pressed, show the line.
export function setUpInApp() {
  if (!inApp) return;
  document.documentElement.classList.add("calc-inapp");
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const button = target && target.closest(".calc-action, [data-save-action]");
      if (button) lastAction = button;
    },
    true,
  );
  showInAppLine();
}
