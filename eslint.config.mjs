// The linter of the site's JavaScript (make lint: npx eslint .). The browser's modules are held
// to the language level the site ships (ES2021: readers' phones and in-app browsers lag), the
// Node scripts (the build's, the tests') to Node's.
import js from "@eslint/js";
import globals from "globals";

const WORKER_SIDE = [
  "docs/assets/calc/worker.js",
  "docs/assets/calc/download.js",
  "docs/assets/calc/snapshot.js",
  "docs/assets/calc/guard.js",
];

export default [
  { ignores: ["site/**", "node_modules/**", ".venv/**", "build/**", "test-results/**"] },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_" }],
      "no-implicit-coercion": ["error", { allow: ["!!"] }],
      "no-throw-literal": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["docs/assets/**/*.js"],
    languageOptions: { ecmaVersion: 2021, sourceType: "module", globals: globals.browser },
  },
  {
    files: WORKER_SIDE,
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // The service worker, with the values hooks/offline.py fills in.
    files: ["hooks/sw.js"],
    languageOptions: {
      ecmaVersion: 2021,
      sourceType: "script",
      globals: { ...globals.serviceworker, __RUNTIME__: "readonly", __SITE__: "readonly" },
    },
  },
  {
    files: ["hooks/resize-observer.js"],
    languageOptions: { ecmaVersion: 2015, sourceType: "script", globals: globals.browser },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: globals.node },
  },
];
