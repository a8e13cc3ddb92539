// The command line, built for plain `node` (`npm run build:cli`): one ES module, dist/cli/budgetkoll.mjs, exporting
// runCli; bin/budgetkoll.mjs uses it when it exists, else runs the TypeScript through tsx. No TypeScript is
// compiled at run time (tsx's loader alone costs about 35 MB and a second). exceljs stays in node_modules and
// is loaded by the code that needs it (see src/workbook/exceljs/): `budgetkoll --help` never loads it.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));

export default {
  mode: "production",
  context: root,
  target: "node20",
  entry: { budgetkoll: "./src/cli/main.ts" },
  experiments: { outputModule: true },
  output: {
    path: join(root, "dist", "cli"),
    filename: "[name].mjs",
    module: true,
    library: { type: "module" },
    chunkFormat: "module",
    clean: true,
  },
  // exceljs (CommonJS, with its own dependencies) is required from node_modules when first used: the parts a run
  // needs by src/workbook/exceljs/load.ts (node's own createRequire, left alone below), all of it by the streaming reader.
  externals: { exceljs: "node-commonjs exceljs" },
  externalsPresets: { node: true },
  devtool: false,
  resolve: { extensions: [".ts", ".js"] },
  module: {
    parser: { javascript: { importMeta: false, createRequire: false } },
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
      },
    ],
  },
  // Readable output: the minifier saves nothing worth having for a program run from disk.
  optimization: { minimize: false },
  performance: { hints: false },
};
