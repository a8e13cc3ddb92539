import { describe, expect, it } from "vitest";
import { dictionary } from "../../src/taskpane/i18n";
import { periodText, tkrText, unbreakable } from "../../src/taskpane/format";

describe("numbers in the task pane", () => {
  it("never break inside a number or between a number and its unit", () => {
    expect(unbreakable("budget 216 123 tkr")).toBe("budget 216\u00a0123\u00a0tkr");
    expect(unbreakable("-3 250 och 1 234 567 kr; 3,0 %")).toBe(
      "-3\u00a0250 och 1\u00a0234\u00a0567\u00a0kr; 3,0\u00a0%",
    );
    // A count before a word is not a number with a unit: "5 åtgärder" may break; "2021 8" is not grouped.
    expect(unbreakable("5 åtgärder, månad 8 2021")).toBe("5 åtgärder, månad 8 2021");
    expect(tkrText(-3_250_000)).toBe("-3\u00a0250");
  });

  it("names the period in words in the display language", () => {
    expect(periodText(dictionary("sv"), 2021, 8)).toBe("augusti 2021");
    expect(periodText(dictionary("en"), 2021, 8)).toBe("August 2021");
  });

  it("counts input errors with the right plural", () => {
    expect(dictionary("en").errors(1)).toBe("1 input error");
    expect(dictionary("en").errors(2)).toBe("2 input errors");
    expect(dictionary("en").stopped(1)).toBe("The run stopped: 1 input error");
    expect(dictionary("sv").stopped(3)).toBe("Körningen stoppades: 3 fel i indata");
  });
});
