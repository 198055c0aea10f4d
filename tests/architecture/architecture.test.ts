/**
 * The architecture, checked over every source file of app/ (in the spirit of
 * tests/integration/authorization.test.ts: a new folder without an entry fails):
 * - each layer imports only what tests/architecture/layers.mjs lets it (types aside where allowed);
 * - only app/data opens the database (better-sqlite3, the Prisma client and its adapters);
 * - no Chinese text outside app/messages and the domain's notice wording: literals, templates, JSX;
 * - no route parameter read with a bare Number(): app/utils/params.ts says why.
 * Test files are exempt: they set up through any layer, read the raw database as an attacker would,
 * and assert the Chinese that users read.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CHINESE_TEXT_ALLOWED, DATABASE_PACKAGES, LAYERS } from "./layers.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = `${dir}/${name}`;
    if (statSync(path.join(root, relative)).isDirectory()) return filesUnder(relative);
    return /\.(ts|tsx|mjs)$/.test(name) ? [relative] : [];
  });
}

const layerNames = Object.keys(LAYERS) as Array<keyof typeof LAYERS>;
const isTest = (file: string) => /\.(test|bench)\.tsx?$/.test(file);
const sources = filesUnder("app").filter((file) => !file.startsWith("app/generated/") && !isTest(file));
const layerOf = (file: string) => layerNames.find((layer) => file.startsWith(`${layer}/`)) ?? null;

interface Import {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) parsed.set(file, (source = read(file)));
  return source;
}
function read(file: string) {
  const text = readFileSync(path.join(root, file), "utf8");
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function importsOf(source: ts.SourceFile): Import[] {
  const found: Import[] = [];
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      const typeOnly = ts.isImportDeclaration(node)
        ? Boolean(
            clause?.isTypeOnly ||
            (clause &&
              !clause.name &&
              clause.namedBindings &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.every((e) => e.isTypeOnly)),
          )
        : node.isTypeOnly;
      found.push({ specifier: node.moduleSpecifier.text, typeOnly, line: line(node) });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false, line: line(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The project path an import names ("app/data/…"), or null for a package. */
function targetOf(file: string, specifier: string): string | null {
  if (specifier.startsWith("~/")) return `app/${specifier.slice(2)}`;
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return null;
}

function chineseIn(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const literal =
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
        ? node.text
        : null;
    if (literal !== null && CJK.test(literal))
      found.push(`${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${literal.trim().slice(0, 30)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the architecture", () => {
  it("gives every folder of app/ a layer", () => {
    const folders = readdirSync(path.join(root, "app")).filter((name) => statSync(path.join(root, "app", name)).isDirectory());
    expect(folders.map((name) => `app/${name}`).filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it("lets each layer import only the layers it may", () => {
    const violations: string[] = [];
    for (const file of sources) {
      const layer = layerOf(file);
      if (!layer) continue;
      const rule = LAYERS[layer];
      for (const { specifier, typeOnly, line } of importsOf(parse(file))) {
        const target = targetOf(file, specifier);
        if (target === null) continue;
        const targetLayer = layerOf(target);
        if (targetLayer === layer) continue;
        const allowed =
          targetLayer !== null && ((rule.imports as string[]).includes(targetLayer) || (typeOnly && (rule.types as string[]).includes(targetLayer)));
        if (!allowed) violations.push(`${file}:${line} imports ${specifier}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("opens the database only in app/data", () => {
    const violations = sources
      .filter((file) => !file.startsWith("app/data/"))
      .flatMap((file) =>
        importsOf(parse(file))
          .filter(
            ({ specifier, typeOnly }) =>
              !typeOnly &&
              (DATABASE_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`)) ||
                targetOf(file, specifier)?.startsWith("app/generated")),
          )
          .map(({ specifier, line }) => `${file}:${line} imports ${specifier}`),
      );
    expect(violations).toEqual([]);
  });

  it("keeps Chinese text in app/messages (and the notice wording in the domain)", () => {
    const violations = sources.filter((file) => !CHINESE_TEXT_ALLOWED.some((allowed) => file.startsWith(allowed))).flatMap((file) => chineseIn(parse(file)));
    expect(violations).toEqual([]);
  });

  it("reads no route parameter with a bare Number()", () => {
    const violations = sources.flatMap((file) =>
      readFileSync(path.join(root, file), "utf8")
        .split("\n")
        .flatMap((text, i) => (/Number\(\s*params\b/.test(text) ? [`${file}:${i + 1}`] : [])),
    );
    expect(violations).toEqual([]);
  });
});
