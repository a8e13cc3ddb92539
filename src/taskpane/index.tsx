/**
 * The task pane's entry: wait for Office, then render the app in Office's language and theme. Never a blank pane:
 * a failure while starting or rendering shows a Swedish message with the error to copy (ErrorBoundary.tsx), and
 * should this bundle not run at all (an old webview), assets/startup-check.js says which Excel is needed.
 */
import { createRoot, type Root } from "react-dom/client";
import { App } from "./components/App";
import { ErrorBoundary, StartupError } from "./components/ErrorBoundary";
import { excelHost, officeHost } from "./host";

// Read by assets/startup-check.js: the bundle was parsed and its modules ran.
(globalThis as { budgetkollStarted?: boolean }).budgetkollStarted = true;

async function start(): Promise<void> {
  let root: Root | undefined;
  try {
    root = createRoot(document.getElementById("root")!);
    const info = await officeHost();
    const host = excelHost();
    root.render(
      <ErrorBoundary>
        <App info={info} host={host} />
      </ErrorBoundary>,
    );
  } catch (error) {
    if (root) root.render(<StartupError error={error} starting />);
    else document.getElementById("root")!.textContent = `Budgetkoll kunde inte starta: ${String(error)}`;
  }
}

void start();
