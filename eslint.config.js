/**
 * Lint: TypeScript's recommended rules, the rules of hooks, and the import boundaries of the layers
 * in tests/architecture/layers.mjs (the architecture test checks the same table over every file).
 * Formatting is Prettier's (eslint-config-prettier turns off what would disagree with it).
 */
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { DATABASE_PACKAGES, LAYERS } from "./tests/architecture/layers.mjs";

const layers = Object.keys(LAYERS).filter((layer) => layer.startsWith("app/"));

/**
 * For each layer, every other layer of app/ it may not import. (A layer a layer may import types
 * from is left out here: the architecture test tells a type import from a code import.)
 */
const zones = layers
  .map((layer) => ({
    target: `./${layer}`,
    from: layers
      .filter((other) => other !== layer && !LAYERS[layer].imports.includes(other) && !LAYERS[layer].types.includes(other))
      .map((other) => `./${other}`),
    message: `${layer} (${LAYERS[layer].about}) may import only ${LAYERS[layer].imports.join(", ") || "itself"}: see tests/architecture/layers.mjs`,
  }))
  .filter((zone) => zone.from.length > 0);

export default tseslint.config(
  { ignores: ["build/", "public/build/", "app/generated/", "node_modules/", "test-results/", "playwright-report/", "tests/.tmp/", ".cache/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: { "import-x/resolver-next": [importX.createNodeResolver()] },
    plugins: { "import-x": importX, "react-hooks": reactHooks },
    rules: {
      // The two classic rules; the React Compiler's rules (v7's recommended set) assume React 19.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      // Chinese text pads names with the ideographic space; comments and strings may show it.
      "no-irregular-whitespace": ["error", { skipComments: true, skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.test.{ts,tsx}", "app/**/*.bench.ts"],
    rules: {
      "import-x/no-restricted-paths": ["error", { zones, basePath: import.meta.dirname }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/data/**", "app/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: DATABASE_PACKAGES.map((name) => ({ name, message: "Only app/data opens the database." })),
          patterns: [{ group: ["~/generated/*", "**/generated/prisma/*"], message: "Only app/data uses the Prisma client.", allowTypeImports: true }],
        },
      ],
    },
  },
  {
    // Playwright's fixtures are `async ({}, use) => …`: neither a hook nor an empty pattern by mistake.
    files: ["tests/e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off", "no-empty-pattern": "off" },
  },
  prettier,
);
