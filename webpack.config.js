// The task pane and the ribbon's function file, built to dist/. `npm run build` (production, then the bundle
// budget of scripts/bundle-size.mjs); `npm run dev-server` serves them over https on localhost:3000.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import HtmlWebpackPlugin from "html-webpack-plugin";

const root = dirname(fileURLToPath(import.meta.url));
const PORT = 3000;

/** The certificates of `npx office-addin-dev-certs install`, when present; else webpack-dev-server's own. */
function httpsServer() {
  const dir = join(homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((f) => existsSync(join(dir, f)))) return "https";
  return { type: "https", options: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, readFileSync(join(dir, f))])) };
}

/** Copies the icons of assets/ to dist/assets/ (the manifest points at them). */
class CopyAssetsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("CopyAssetsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "CopyAssetsPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const file of readdirSync(join(root, "assets"))) {
          compilation.emitAsset(`assets/${file}`, new compiler.webpack.sources.RawSource(readFileSync(join(root, "assets", file))));
        }
      });
    });
  }
}

export default (_env, argv) => {
  const dev = argv.mode !== "production";
  return {
    mode: dev ? "development" : "production",
    context: root,
    // Modern browsers only (Office on the web, Edge WebView2): globalThis, no `new Function("return this")` fallback.
    target: ["web", "es2020"],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    // clean keeps dist/cli/: the command line, built by webpack.cli.config.js.
    output: { path: join(root, "dist"), filename: "[name].[contenthash:8].js", clean: { keep: /^cli[\\/]/ } },
    // Never an eval-based source map: the page's Content-Security-Policy forbids eval.
    devtool: dev ? "source-map" : false,
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], minify: false }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"], minify: false }),
      new CopyAssetsPlugin(),
    ],
    performance: { hints: false },
    devServer: {
      port: PORT,
      server: httpsServer(),
      headers: { "Access-Control-Allow-Origin": "*" },
      hot: false,
      static: false,
      client: { overlay: false },
    },
  };
};
