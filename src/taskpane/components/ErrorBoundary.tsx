/**
 * What the pane shows when it fails instead of a blank pane: a Swedish message and the error's text to copy for
 * whoever supports the add-in. Plain React and HTML, no Fluent UI: it must render when the rest cannot.
 */
import { Component, useRef, useState, type ReactNode } from "react";

/** The error as text to copy: name, message and the stack where there is one. */
export function errorText(error: unknown): string {
  if (error instanceof Error)
    return [`${error.name}: ${error.message}`, error.stack?.split("\n").slice(1).join("\n")].filter(Boolean).join("\n");
  return String(error);
}

/** Copies text: the Clipboard API, else the selected text area and the older copy command. */
async function copy(text: string, area: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    area?.select();
    return typeof document.execCommand === "function" && document.execCommand("copy");
  }
}

export function StartupError({ error, starting = false }: { readonly error: unknown; readonly starting?: boolean }) {
  const text = errorText(error);
  const [copied, setCopied] = useState<boolean | undefined>();
  const area = useRef<HTMLTextAreaElement>(null);
  return (
    <div role="alert" className="app" style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <h1 style={{ fontSize: 18, margin: 0 }}>
        {starting ? "Budgetkoll kunde inte starta" : "Något gick fel i Budgetkoll"}
      </h1>
      <p style={{ margin: 0 }}>
        Stäng fönstret och öppna Budgetkoll igen. Händer det igen: kopiera feltexten nedan och skicka den till den som
        ansvarar för Budgetkoll i din organisation, med vilken Excel du använder och vad du gjorde.
      </p>
      <label htmlFor="budgetkoll-error">Feltext</label>
      <textarea
        id="budgetkoll-error"
        readOnly
        rows={8}
        value={text}
        ref={area}
        style={{ width: "100%", boxSizing: "border-box", fontFamily: "monospace", fontSize: 12 }}
      />
      <div>
        <button type="button" onClick={() => void copy(text, area.current).then(setCopied)}>
          Kopiera feltexten
        </button>{" "}
        <span role="status">
          {copied === true
            ? "Feltexten är kopierad."
            : copied === false
              ? "Kunde inte kopiera: markera texten och kopiera den med Ctrl+C."
              : ""}
        </span>
      </div>
    </div>
  );
}

/** Catches an error while rendering the pane and shows `StartupError` in its place. */
export class ErrorBoundary extends Component<
  { readonly children: ReactNode },
  { readonly error?: unknown; readonly failed: boolean }
> {
  override state: { readonly error?: unknown; readonly failed: boolean } = { failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override render() {
    return this.state.failed ? <StartupError error={this.state.error} /> : this.props.children;
  }
}
