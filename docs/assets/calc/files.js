// Files and the clipboard: what a widget hands to the reader.

/**
 * Save text as a file on the reader's device. A CSV gets a BOM, so that Excel and WPS read it
 * as UTF-8 and the Chinese headers survive.
 * @param {string} name
 * @param {string} mime
 * @param {string} text
 */
export function saveFile(name, mime, text) {
  const parts = mime.startsWith("text/csv") ? ["\ufeff", text] : [text];
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob(parts, { type: mime }));
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 30000);
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
