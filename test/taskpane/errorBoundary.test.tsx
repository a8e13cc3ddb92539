// @vitest-environment happy-dom
/** A failure while rendering the pane shows a Swedish message and the error's text to copy, never a blank pane. */
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary, errorText, StartupError } from "../../src/taskpane/components/ErrorBoundary";

afterEach(cleanup);

function Broken(): never {
  throw new TypeError("Cannot read properties of undefined (reading 'requirements')");
}

describe("ErrorBoundary", () => {
  it("shows the message in Swedish and the error's text, and copies it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined); // React reports the caught error
    const writeText = vi.fn(async (_: string) => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole("alert")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Något gick fel i Budgetkoll" })).toBeTruthy();
    const text = (screen.getByLabelText("Feltext") as HTMLTextAreaElement).value;
    expect(text.split("\n")[0]).toBe("TypeError: Cannot read properties of undefined (reading 'requirements')");
    fireEvent.click(screen.getByRole("button", { name: "Kopiera feltexten" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Feltexten är kopierad."));
    expect(writeText).toHaveBeenCalledWith(text);
  });

  it("says the pane could not start when start-up itself failed, whatever was thrown", () => {
    render(<StartupError error="Office.js kunde inte läsas in" starting />);
    expect(screen.getByRole("heading", { name: "Budgetkoll kunde inte starta" })).toBeTruthy();
    expect((screen.getByLabelText("Feltext") as HTMLTextAreaElement).value).toBe("Office.js kunde inte läsas in");
    expect(errorText(new RangeError("x"))).toMatch(/^RangeError: x/);
  });
});
