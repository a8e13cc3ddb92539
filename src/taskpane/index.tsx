/** The task pane's entry: wait for Office, then render the app in Office's language and theme. */
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { excelHost, officeHost } from "./host";

void officeHost().then((info) => {
  createRoot(document.getElementById("root")!).render(<App info={info} host={excelHost()} />);
});
