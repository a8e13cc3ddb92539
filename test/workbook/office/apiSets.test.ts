/**
 * Every Excel member the code touches is in the manifest's minimum requirement set or behind a guard. The test
 * reads the source with the TypeScript checker: each property or method it resolves to a declaration in Excel's
 * namespace of @types/office-js is looked up in that declaration's JSDoc ("[Api set: ExcelApi 1.13]"); one above
 * manifest.xml's ExcelApi MinVersion must sit under a guard of at least its version: a condition calling
 * `apiSupported("1.x")`, `supports("1.x")` or `isSetSupported("ExcelApi", "1.x")`, or naming a writer feature
 * (`features.indent`) that `features()` in writer.ts defines as one of those, whether as the condition of an if,
 * a ?:, an &&, or an earlier `if (!guard) return` in the same block.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../../..");
const manifestMinimum = Number(
  /<Set Name="ExcelApi" MinVersion="1\.(\d+)"/.exec(readFileSync(join(ROOT, "manifest.xml"), "utf8"))![1],
);
const writerSource = readFileSync(join(ROOT, "src/workbook/office/writer.ts"), "utf8");
/** The writer's features by name and the ExcelApi minor version each stands for. */
const FEATURES = new Map(
  [...writerSource.matchAll(/(\w+): supports\("1\.(\d+)"\)/g)].map((m) => [m[1]!, Number(m[2])]),
);

/** The ExcelApi minor versions a condition's text guarantees. */
function guardVersions(condition: string): number[] {
  const direct = [
    ...condition.matchAll(/(?:apiSupported|supports|isSetSupported\("ExcelApi",\s*)\(?"1\.(\d+)"\)/g),
  ].map((m) => Number(m[1]));
  const features = [...condition.matchAll(/\bfeatures\.(\w+)/g)].flatMap((m) =>
    FEATURES.has(m[1]!) ? [FEATURES.get(m[1]!)!] : [],
  );
  return [...direct, ...features];
}

/** The versions guarding a node: conditions it is under, and earlier `if (!guard) return` in its blocks. */
function guardsOf(node: ts.Node): number[] {
  const out: number[] = [];
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child === parent.thenStatement && !/^\s*!/.test(parent.expression.getText()))
      out.push(...guardVersions(parent.expression.getText()));
    if (ts.isConditionalExpression(parent) && child === parent.whenTrue)
      out.push(...guardVersions(parent.condition.getText()));
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      child === parent.right
    )
      out.push(...guardVersions(parent.left.getText()));
    const statements =
      ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isSourceFile(parent) ? parent.statements : undefined;
    if (statements) {
      for (const s of statements) {
        if (s === child) break;
        if (
          ts.isIfStatement(s) &&
          /^\s*!/.test(s.expression.getText()) &&
          /^\s*(\{\s*)?return\b/.test(s.thenStatement.getText())
        )
          out.push(...guardVersions(s.expression.getText()));
      }
    }
  }
  return out;
}

/** The ExcelApi minor version of a declaration in @types/office-js, from its JSDoc. */
function apiVersion(decl: ts.Declaration): number | undefined {
  const file = decl.getSourceFile();
  if (!file.fileName.includes("@types/office-js")) return undefined;
  let inExcel = false;
  for (let p: ts.Node | undefined = decl.parent; p; p = p.parent)
    if (ts.isModuleDeclaration(p) && p.name.getText() === "Excel") inExcel = true;
  if (!inExcel) return undefined;
  const doc = file.text.slice(decl.getFullStart(), decl.getStart());
  const m = /\[Api set: ExcelApi 1\.(\d+)/.exec(doc);
  return m ? Number(m[1]) : undefined;
}

/** Members above the manifest's minimum used without a guard of their version, as "file: Class.member (ExcelApi 1.x)". */
function unguardedMembers(program: ts.Program, files: readonly string[]): string[] {
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const name of files) {
    const source = program.getSourceFile(name)!;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const decl = symbol?.declarations?.[0];
        const version = decl && apiVersion(decl);
        if (version !== undefined && version > manifestMinimum && !guardsOf(node).some((g) => g >= version)) {
          const owner =
            decl!.parent && (ts.isClassDeclaration(decl!.parent) || ts.isInterfaceDeclaration(decl!.parent))
              ? decl!.parent.name?.getText()
              : "?";
          found.push(`${name.slice(ROOT.length + 1)}: ${owner}.${node.name.getText()} (ExcelApi 1.${version})`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function programOf(files: readonly string[], host?: ts.CompilerHost): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  return ts.createProgram({ rootNames: files, options: config.options, host });
}

describe("Excel requirement sets", () => {
  it("reads the guards the writer defines", () => {
    expect(manifestMinimum).toBe(7);
    expect(Object.fromEntries(FEATURES)).toEqual({ indent: 9, outline: 10, screen: 9, validation: 8 });
  });

  it("uses every Excel member above the manifest's minimum only behind a guard of its version", () => {
    const program = programOf([join(ROOT, "src/taskpane/index.tsx"), join(ROOT, "src/cli/main.ts")]);
    const files = program
      .getSourceFiles()
      .map((f) => f.fileName)
      .filter((f) => f.startsWith(join(ROOT, "src")));
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain(join(ROOT, "src/workbook/office/writer.ts"));
    expect(unguardedMembers(program, files)).toEqual([]);
  }, 120_000);

  it("fails on a new unguarded member, and passes it behind its guard", () => {
    const file = join(ROOT, "src/workbook/office/__probe.ts");
    const text = [
      'import { apiSupported } from "./requests";',
      "export function probe(range: Excel.Range, sheet: Excel.Worksheet): void {",
      "  range.getMergedAreasOrNullObject();",
      '  if (apiSupported("1.13")) range.getMergedAreasOrNullObject();',
      '  if (apiSupported("1.9")) range.getMergedAreasOrNullObject();',
      '  if (!apiSupported("1.10")) return;',
      '  range.group("ByRows");',
      "  sheet.getRangeByIndexes(0, 0, 1, 1).values = [[1]];",
      "}",
    ].join("\n");
    const host = ts.createCompilerHost({});
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, onError) =>
      name === file ? ts.createSourceFile(name, text, version, true) : read(name, version, onError);
    const program = programOf([file], host);
    expect(unguardedMembers(program, [file])).toEqual([
      "src/workbook/office/__probe.ts: Range.getMergedAreasOrNullObject (ExcelApi 1.13)",
      "src/workbook/office/__probe.ts: Range.getMergedAreasOrNullObject (ExcelApi 1.13)",
    ]);
  }, 120_000);
});
