// ResizeObserver for the few browsers without it (before 2020), prepended to the theme's
// bundle by hooks/csp.py instead of the copy the theme would load from a public CDN. It does
// what the theme needs: calls back with {target, contentRect} for the observed elements
// whose size changed, checked on window resizes and a few times a second.
if (typeof window !== "undefined" && typeof window.ResizeObserver === "undefined") {
  window.ResizeObserver = class ResizeObserver {
    constructor(callback) {
      this.callback = callback;
      this.sizes = new Map();
      this.check = () => this.measure();
      this.timer = 0;
    }
    observe(target) {
      if (this.sizes.size === 0) {
        window.addEventListener("resize", this.check);
        this.timer = window.setInterval(this.check, 250);
      }
      this.sizes.set(target, "");
      window.setTimeout(this.check, 0);
    }
    unobserve(target) {
      this.sizes.delete(target);
      if (this.sizes.size === 0) this.disconnect();
    }
    disconnect() {
      this.sizes.clear();
      window.removeEventListener("resize", this.check);
      window.clearInterval(this.timer);
    }
    measure() {
      const entries = [];
      for (const [target, last] of this.sizes) {
        const rect = target.getBoundingClientRect();
        const size = `${rect.width}x${rect.height}`;
        if (size !== last) {
          this.sizes.set(target, size);
          entries.push({ target, contentRect: rect });
        }
      }
      if (entries.length > 0) this.callback(entries, this);
    }
  };
}
