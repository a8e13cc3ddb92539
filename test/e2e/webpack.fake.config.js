// Bundles the Excel fake (test/fakes/excel) as a stub office.js for the browser test: one IIFE script, no eval.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export default {
  mode: "production",
  context: root,
  target: ["web", "es2020"],
  entry: "./test/e2e/officeStub.ts",
  output: { path: join(root, ".test-artifacts/office-stub"), filename: "office-stub.js", iife: true },
  devtool: false,
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
      },
    ],
  },
  performance: { hints: false },
};
