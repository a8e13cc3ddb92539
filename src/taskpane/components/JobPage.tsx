import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
} from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import { failureText } from "../../input/coreProblems";
import { formatInputError } from "../../input/errors";
import { checkAmountText, checkPlace } from "../../report/kontroller";
import type { Dictionary } from "../i18n";
import type { AskEdited, EditedChoice, InputSource, JobKind, JobOutcome, Progress } from "../jobs";

export interface JobAction {
  readonly kind: JobKind;
  readonly label: string;
}

interface Props {
  readonly t: Dictionary;
  readonly title: string;
  readonly help?: string;
  readonly actions: readonly JobAction[];
  /** Whether the input can be chosen (the templates read the whole workbook). */
  readonly chooseInput: boolean;
  readonly tables: readonly string[];
  /** A Swedish message when this Excel is too old for the job. */
  readonly unsupported?: string;
  readonly run: (kind: JobKind, source: InputSource, progress: Progress, ask: AskEdited) => Promise<JobOutcome>;
  readonly selectCell: (sheet: string, cell: string) => void;
  readonly showSheet: (sheet: string) => void;
  /** More to choose above the buttons (Kom igång: the ledger file). */
  readonly children?: ReactNode;
}

type Step = Parameters<Progress>[0];

export function JobPage({
  t,
  title,
  help,
  actions,
  chooseInput,
  tables,
  unsupported,
  run,
  selectCell,
  showSheet,
  children,
}: Props) {
  const [sourceKind, setSourceKind] = useState<InputSource["kind"]>("auto");
  const [table, setTable] = useState("");
  const [step, setStep] = useState<Step | undefined>();
  const [outcome, setOutcome] = useState<JobOutcome | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  // The question about our sheets the user has edited, open while the job waits for the answer.
  const [edited, setEdited] = useState<
    { sheets: readonly string[]; answer: (choice: EditedChoice) => void } | undefined
  >();
  const ask: AskEdited = (sheets) => new Promise<EditedChoice>((resolve) => setEdited({ sheets, answer: resolve }));
  const answer = (choice: EditedChoice) => {
    edited?.answer(choice);
    setEdited(undefined);
  };
  const busy = step !== undefined && step !== "done";
  const source: InputSource =
    sourceKind === "table" ? { kind: "table", table: table || tables[0] || "" } : { kind: sourceKind };
  const stepText: Record<Step, string> = {
    read: t.stepRead,
    calculate: t.stepCalculate,
    write: t.stepWrite,
    done: t.stepDone,
  };

  const start = async (kind: JobKind) => {
    setOutcome(undefined);
    setFailure(undefined);
    setStep("read");
    try {
      const result = await run(kind, source, setStep, ask);
      setOutcome(result);
      setStep(result.ok ? "done" : undefined);
    } catch (e) {
      setFailure(failureText(e));
      setStep(undefined);
    }
  };

  return (
    <section className="page" aria-label={title}>
      <Subtitle2 as="h2" block>
        {title}
      </Subtitle2>
      {help && <Body1 block>{help}</Body1>}
      {unsupported && (
        <MessageBar intent="warning">
          <MessageBarBody>{unsupported}</MessageBarBody>
        </MessageBar>
      )}
      {chooseInput && (
        <Field label={t.input}>
          <RadioGroup value={sourceKind} onChange={(_, d) => setSourceKind(d.value as InputSource["kind"])}>
            <Radio value="auto" label={t.inputAuto} />
            <Radio value="selection" label={t.inputSelection} />
            <Radio value="table" label={t.inputTable} disabled={tables.length === 0} />
          </RadioGroup>
        </Field>
      )}
      {chooseInput && sourceKind === "table" && (
        <Field label={t.tableLabel}>
          <Select value={source.kind === "table" ? source.table : ""} onChange={(_, d) => setTable(d.value)}>
            {tables.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </Select>
        </Field>
      )}
      {children}
      <div className="actions">
        {actions.map((a) => (
          // While a job runs the button stays focusable (aria-disabled): a disabled button would drop the keyboard focus to the page.
          <Button
            key={a.kind}
            appearance="primary"
            disabled={Boolean(unsupported)}
            disabledFocusable={busy}
            onClick={() => void start(a.kind)}
          >
            {a.label}
          </Button>
        ))}
      </div>
      {/* The live region is always there, so that screen readers announce the first step too. */}
      <div role="status" aria-live="polite">
        {busy && <ProgressBar aria-label={t.running} />}
        {step && <Caption1 block>{stepText[step]}</Caption1>}
      </div>
      {failure && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{`${t.failed}: ${failure}`}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && <Outcome t={t} outcome={outcome} selectCell={selectCell} showSheet={showSheet} />}
      <Dialog open={edited !== undefined} modalType="alert" onOpenChange={(_, d) => !d.open && answer("cancel")}>
        <DialogSurface aria-label={t.editedTitle}>
          <DialogBody>
            <DialogTitle>{t.editedTitle}</DialogTitle>
            <DialogContent>{edited ? t.editedQuestion(edited.sheets) : ""}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => answer("replace")}>
                {t.editedReplace}
              </Button>
              <Button onClick={() => answer("keep")}>{t.editedKeep}</Button>
              <Button onClick={() => answer("cancel")}>{t.editedCancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}

function Outcome({
  t,
  outcome,
  selectCell,
  showSheet,
}: {
  t: Dictionary;
  outcome: JobOutcome;
  selectCell: Props["selectCell"];
  showSheet: Props["showSheet"];
}) {
  const problems = [{ list: outcome.errors, heading: t.errors(outcome.errors.length), id: "errors" }];
  const checks = outcome.checks;
  return (
    <>
      {checks.length > 0 && (
        // The run's Kontroller, as the sheet Kontroller and the command line list it: ranked by money at stake.
        <MessageBar intent="warning" layout="multiline" className="kontroller">
          <MessageBarBody>
            <section aria-label={t.kontroller(checks.length)}>
              <Caption1 as="h3" block>
                {t.kontroller(checks.length)}
              </Caption1>
              <ol>
                {checks.map((c, i) => {
                  const amount = checkAmountText(c);
                  const text = `${amount ? `${amount}: ` : ""}${checkPlace(c)}: ${c.message}`;
                  return (
                    <li key={i}>
                      {c.cell && c.file === undefined ? (
                        <Link as="button" inline onClick={() => selectCell(c.sheet, c.cell!)}>
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </li>
                  );
                })}
              </ol>
            </section>
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome.summary && (
        <section aria-label={t.summary} className="summary">
          <Subtitle2 as="h3" block>
            {t.summary}
          </Subtitle2>
          {outcome.summary.lines.map((line) => (
            <Body1 as="p" block key={line}>
              {line}
            </Body1>
          ))}
          {outcome.summary.deficits.length > 0 && (
            <>
              <Caption1 as="h4" block>
                {t.deficits}
              </Caption1>
              <ul aria-label={t.deficits}>
                {outcome.summary.deficits.map((d) => (
                  <li key={d.name}>{`${d.name} ${d.tkr}`}</li>
                ))}
              </ul>
            </>
          )}
          {outcome.sheet && <Button onClick={() => showSheet(outcome.sheet!)}>{t.showSheet(outcome.sheet)}</Button>}
        </section>
      )}
      {problems.map(({ list, heading, id }) =>
        list.length === 0 ? null : (
          <section key={id} aria-label={heading} className={id}>
            <Caption1 as="h3" block>
              {heading}
            </Caption1>
            <ul>
              {list.map((e, i) => (
                <li key={i}>
                  {e.cell ? (
                    <Link as="button" inline onClick={() => selectCell(e.sheet, e.cell!)}>
                      {formatInputError(e)}
                    </Link>
                  ) : (
                    formatInputError(e)
                  )}
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
      {outcome.recognised.length > 0 && (
        <section aria-label={t.recognised}>
          <Caption1 as="h3" block>
            {t.recognised}
          </Caption1>
          <ul>
            {outcome.recognised.map((r) => (
              <li key={`${r.sheet}-${r.headerRow}`}>
                {t.recognisedRow(r.sheet, r.headerRow, Object.keys(r.fields).length)}
              </li>
            ))}
          </ul>
          {outcome.rows && (
            <Caption1 block>{t.rows(outcome.rows.read, outcome.rows.used, outcome.rows.rejected)}</Caption1>
          )}
        </section>
      )}
    </>
  );
}
