// The task pane, the support page and the manifest, built to dist/. `npm run build` (production, then the bundle
// budget of scripts/bundle-size.mjs); `npm run build -- --env host=https://example.org/budgetkoll/` makes
// dist/manifest.xml point at that host (scripts/manifest.mjs); `npm run dev-server` serves dist/ over https on
// localhost:3000, for manifest.xml as it stands.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import HtmlWebpackPlugin from "html-webpack-plugin";
import { DEV_HOST, manifestFor } from "./scripts/manifest.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const PORT = 3000;

/** The certificates of `npx office-addin-dev-certs install`, when present; else webpack-dev-server's own. */
function httpsServer() {
  const dir = join(homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((f) => existsSync(join(dir, f)))) return "https";
  return {
    type: "https",
    options: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, readFileSync(join(dir, f))])),
  };
}

/** Copies the icons and the support page of assets/ to dist/assets/ (the manifest points at them). */
class CopyAssetsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("CopyAssetsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "CopyAssetsPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const file of readdirSync(join(root, "assets"))) {
            compilation.emitAsset(
              `assets/${file}`,
              new compiler.webpack.sources.RawSource(readFileSync(join(root, "assets", file))),
            );
          }
        },
      );
    });
  }
}

/** dist/manifest.xml: manifest.xml with its URLs on the host the build is for. */
class ManifestPlugin {
  constructor(host) {
    this.xml = manifestFor(readFileSync(join(root, "manifest.xml"), "utf8"), host);
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ManifestPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ManifestPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          compilation.emitAsset("manifest.xml", new compiler.webpack.sources.RawSource(this.xml));
        },
      );
    });
  }
}

export default (env = {}, argv) => {
  const dev = argv.mode !== "production";
  const host = typeof env.host === "string" ? env.host : DEV_HOST;
  return {
    mode: dev ? "development" : "production",
    context: root,
    // Modern browsers only (Office on the web, Edge WebView2): globalThis, no `new Function("return this")` fallback.
    target: ["web", "es2020"],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
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
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        minify: false,
      }),
      new CopyAssetsPlugin(),
      new ManifestPlugin(host),
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
