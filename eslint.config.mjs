// ESLint for every JavaScript file of the project (make lint), with the globals each one runs with.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", "site-offline/", "build/", ".venv/"] },
  js.configs.recommended,
  {
    // the page's classic scripts: the browser's globals, Material's document$, calc-lib.js's CalcLib, the QR library
    files: ["docs/assets/javascripts/*.js", "docs/assets/calculator/*.js", "sitebuild/early_start.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.browser, document$: "readonly", CalcLib: "writable", qrcode: "readonly" },
    },
  },
  {
    files: ["docs/assets/calculator/*.mjs"],
    languageOptions: { globals: globals.worker },
  },
  {
    // sitebuild/service_worker.py replaces the __NAMES__ with the build's values
    files: ["sitebuild/sw.template.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.serviceworker, __PRECACHE__: "readonly", __RUNTIME__: "readonly", __SIZES__: "readonly" },
    },
  },
  {
    files: ["sitebuild/*.mjs", "tests/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { globals: globals.node },
  },
];
