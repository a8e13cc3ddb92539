/**
 * Opens a place of the task pane as a user does: its tab when the tab list shows it, otherwise through the overflow
 * menu ("Fler") that holds the places the tab list has no room for (in happy-dom nothing has a width: most are there).
 */
import { act, fireEvent, screen } from "@testing-library/react";

export async function openPlace(name: string, more = /^(Fler funktioner|More functions)$/): Promise<void> {
  const tab = screen.queryByRole("tab", { name });
  if (tab) {
    await act(async () => {
      fireEvent.click(tab);
    });
    return;
  }
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: more }));
  });
  const item = await screen.findByRole("menuitem", { name });
  await act(async () => {
    fireEvent.click(item);
  });
}
