import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
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
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { failureText } from "../../input/coreProblems";
import { formatInputError, type InputError } from "../../input/errors";
import { checkAmountText, checkPlace } from "../../report/kontroller";
import { OUTPUT_MARK } from "../../report/layout";
import type { Dictionary } from "../i18n";
import { tkrText, unbreakable } from "../format";
import type { AskEdited, EditedChoice, Headline, InputSource, JobKind, JobOutcome, Progress } from "../jobs";

export interface JobAction {
  readonly kind: JobKind;
  readonly label: string;
}

interface Props {
  readonly t: Dictionary;
  readonly title: string;
  readonly help?: string;
  /** A short first-run text, shown until the first run. */
  readonly intro?: string;
  readonly actions: readonly JobAction[];
  /** Whether the input can be chosen (the templates read the whole workbook). */
  readonly chooseInput: boolean;
  readonly tables: readonly string[];
  /** A message when this Excel is too old for the job. */
  readonly unsupported?: string;
  readonly run: (kind: JobKind, source: InputSource, progress: Progress, ask: AskEdited) => Promise<JobOutcome>;
  readonly selectCell: (sheet: string, cell: string) => void;
  readonly showSheet: (sheet: string) => void;
  /** More to choose above the buttons (Kom igång: the ledger file). */
  readonly children?: ReactNode;
}

type Step = Parameters<Progress>[0];

/**
 * A MessageBar whose title names it: Fluent points the bar's aria-labelledby at its MessageBarTitle, so every bar
 * here has one (without it the reference points at an id that does not exist).
 */
function Bar({
  intent,
  title,
  children,
  className,
}: {
  intent: "error" | "warning" | "info" | "success";
  title: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <MessageBar intent={intent} layout="multiline" className={className}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

export function JobPage({
  t,
  title,
  help,
  intro,
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
  // The button that started the run: the focus returns to it when the question closes (no trigger opened it).
  const started = useRef<HTMLButtonElement | null>(null);
  const firstError = useRef<HTMLButtonElement | null>(null);
  const ask: AskEdited = (sheets) => new Promise<EditedChoice>((resolve) => setEdited({ sheets, answer: resolve }));
  const answer = (choice: EditedChoice) => {
    edited?.answer(choice);
    setEdited(undefined);
    // After the dialog has gone (its focus trap restores nothing: no trigger opened it).
    setTimeout(() => started.current?.focus(), 0);
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
  const stopped = outcome && !outcome.ok && outcome.errors.length > 0 ? t.stopped(outcome.errors.length) : undefined;

  // Input errors stop the run: the focus goes to the first of them, so that the keyboard is where the work is.
  useEffect(() => {
    if (stopped) firstError.current?.focus();
  }, [stopped, outcome]);

  const start = async (kind: JobKind, button: HTMLButtonElement) => {
    started.current = button;
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
      {help && <Body1 block>{help}</Body1>}
      {intro && !outcome && !busy && <Body1 block>{intro}</Body1>}
      {unsupported && <Bar intent="warning" title={unsupported} />}
      {children}
      <div className="actions">
        {actions.map((a) => (
          // While a job runs the button stays focusable (aria-disabled): a disabled button would drop the keyboard focus to the page.
          <Button
            key={a.kind}
            appearance="primary"
            disabled={Boolean(unsupported)}
            disabledFocusable={busy}
            onClick={(e) => void start(a.kind, e.currentTarget)}
          >
            {a.label}
          </Button>
        ))}
      </div>
      {/* The live region is always there, so that screen readers announce the first step too, and the end. */}
      <div role="status" aria-live="polite">
        {busy && <ProgressBar aria-label={t.running} />}
        {stopped ? <Caption1 block>{stopped}</Caption1> : step && <Caption1 block>{stepText[step]}</Caption1>}
      </div>
      {failure && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.failed}</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && (
        <Outcome
          t={t}
          outcome={outcome}
          stopped={stopped}
          firstError={firstError}
          selectCell={selectCell}
          showSheet={showSheet}
        />
      )}
      {chooseInput && (
        <Accordion collapsible>
          <AccordionItem value="advanced">
            <AccordionHeader size="small">{t.advanced}</AccordionHeader>
            <AccordionPanel>
              <Field label={t.input}>
                <RadioGroup value={sourceKind} onChange={(_, d) => setSourceKind(d.value as InputSource["kind"])}>
                  <Radio value="auto" label={t.inputAuto} />
                  <Radio value="selection" label={t.inputSelection} />
                  <Radio value="table" label={t.inputTable} disabled={tables.length === 0} />
                </RadioGroup>
              </Field>
              {sourceKind === "table" && (
                <Field label={t.tableLabel}>
                  <Select value={source.kind === "table" ? source.table : ""} onChange={(_, d) => setTable(d.value)}>
                    {tables.map((name) => (
                      <option key={name}>{name}</option>
                    ))}
                  </Select>
                </Field>
              )}
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
      <Dialog open={edited !== undefined} modalType="alert" onOpenChange={(_, d) => !d.open && answer("cancel")}>
        <DialogSurface aria-label={t.editedTitle}>
          <DialogBody>
            <DialogTitle>{t.editedTitle}</DialogTitle>
            <DialogContent>
              {edited && (
                <>
                  <Body1 as="p" block>
                    {t.editedQuestion(edited.sheets)}
                  </Body1>
                  <Body1 as="p" block>
                    {t.editedDiscard(edited.sheets.length)}
                  </Body1>
                </>
              )}
            </DialogContent>
            {/* Keeping the user's edit comes first and has the focus: Enter never discards an edit. */}
            <DialogActions>
              <Button appearance="primary" onClick={() => answer("keep")}>
                {t.editedKeep}
              </Button>
              <Button onClick={() => answer("replace")}>{t.editedReplace}</Button>
              <Button onClick={() => answer("cancel")}>{t.editedCancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}

/** A heading of the place: every section of every place has the same level (h2), under the pane's one h1. */
function Heading({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <Subtitle2 as="h2" block id={id}>
      {children}
    </Subtitle2>
  );
}

/** A list of cells to go to: each entry a link-button that selects its cell, or plain text without a cell. */
function CellList({
  items,
  selectCell,
  firstRef,
  ordered,
}: {
  items: readonly { key: string; text: string; sheet: string; cell?: string; file?: string }[];
  selectCell: Props["selectCell"];
  firstRef?: React.RefObject<HTMLButtonElement | null>;
  ordered?: boolean;
}) {
  const List = ordered ? "ol" : "ul";
  return (
    <List className="cells">
      {items.map((e, i) => (
        <li key={e.key}>
          {e.cell && e.file === undefined ? (
            <Link
              as="button"
              inline
              lang="sv"
              ref={i === 0 ? firstRef : undefined}
              onClick={() => selectCell(e.sheet, e.cell!)}
            >
              {unbreakable(e.text)}
            </Link>
          ) : (
            <span lang="sv">{unbreakable(e.text)}</span>
          )}
        </li>
      ))}
    </List>
  );
}

const errorItems = (list: readonly InputError[]) =>
  list.map((e, i) => ({ key: String(i), text: formatInputError(e), sheet: e.sheet, cell: e.cell, file: e.file }));

/** The headline: the full-year variance, coloured (red an underskott, green an överskott), and the gap to balance. */
function HeadlineView({ t, h }: { t: Dictionary; h: Headline }) {
  const tkr = Math.round(h.variance / 1000);
  const word = tkr < 0 ? t.deficit : tkr > 0 ? t.surplus : t.inBalance;
  const colour =
    tkr < 0
      ? tokens.colorPaletteRedForeground1
      : tkr > 0
        ? tokens.colorPaletteGreenForeground1
        : tokens.colorNeutralForeground1;
  return (
    <div className="headline">
      <Caption1 block>{h.yearEnd ? t.headlineYearEnd : t.headline}</Caption1>
      <Text as="p" size={600} weight="semibold" block style={{ color: colour, margin: 0 }}>
        {`${tkrText(h.variance)}\u00a0tkr`}
      </Text>
      <Caption1 block>{`${word}, ${unbreakable(t.ofBudget(tkrText(h.budget)))}`}</Caption1>
      <Body1 as="p" block>
        {h.gap > 0 ? unbreakable(t.gapMissing(tkrText(h.gap))) : t.gapNone}
      </Body1>
    </div>
  );
}

function Outcome({
  t,
  outcome,
  stopped,
  firstError,
  selectCell,
  showSheet,
}: {
  t: Dictionary;
  outcome: JobOutcome;
  stopped?: string;
  firstError: React.RefObject<HTMLButtonElement | null>;
  selectCell: Props["selectCell"];
  showSheet: Props["showSheet"];
}) {
  const checks = outcome.checks;
  const errorsId = useId();
  const summary = outcome.summary;
  const deficits = summary?.deficits ?? [];
  const widest = Math.max(1, ...deficits.map((d) => Math.abs(d.kronor)));
  // Our hidden sheets (the history, the commentary's generated text, the registry) are not for reading.
  const written = outcome.written.filter((s) => !s.startsWith(`${OUTPUT_MARK}_`));
  const kept = outcome.kept ?? [];
  return (
    <>
      {stopped && (
        <>
          <Bar intent="error" title={stopped}>
            {t.stoppedHelp}
          </Bar>
          <section aria-labelledby={errorsId} className="errors">
            <Heading id={errorsId}>{t.errors(outcome.errors.length)}</Heading>
            <CellList items={errorItems(outcome.errors)} selectCell={selectCell} firstRef={firstError} ordered />
          </section>
        </>
      )}
      {summary && (
        <section aria-label={t.summary} className="summary">
          <Heading>{t.summary}</Heading>
          {summary.headline && !summary.headline.unstated && <HeadlineView t={t} h={summary.headline} />}
          {deficits.length > 0 && (
            <>
              <Caption1 as="p" block>
                {t.deficits}
              </Caption1>
              <ol aria-label={t.deficits} className="deficits">
                {deficits.map((d) => (
                  <li key={d.name}>
                    <span className="deficit-text">{unbreakable(`${d.name} ${d.tkr}`)}</span>
                    <span
                      className="bar"
                      aria-hidden="true"
                      style={{
                        width: `${Math.max(2, (Math.abs(d.kronor) / widest) * 100)}%`,
                        background: tokens.colorPaletteRedBackground3,
                      }}
                    />
                  </li>
                ))}
              </ol>
            </>
          )}
          {kept.length > 0 && written.length > 0 && (
            <Bar intent="warning" title={t.keptTitle}>
              {t.keptWarning(kept)}
            </Bar>
          )}
          {t.wordsSwedish && <Caption1 block>{t.wordsSwedish}</Caption1>}
          {summary.lines.map((line) => (
            <Body1 as="p" block key={line}>
              {unbreakable(line)}
            </Body1>
          ))}
          {outcome.sheet && <Button onClick={() => showSheet(outcome.sheet!)}>{t.showSheet(outcome.sheet)}</Button>}
          {written.length > 1 && (
            <nav aria-label={t.written}>
              <Caption1 as="p" block>
                {t.written}
              </Caption1>
              <ul className="written">
                {written.map((sheet) => (
                  <li key={sheet}>
                    <Link as="button" inline onClick={() => showSheet(sheet)}>
                      {sheet}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </section>
      )}
      {checks.length > 0 && (
        // The run's Kontroller, as the sheet Kontroller and the command line list them: ranked by money at stake.
        <section aria-label={t.kontroller(checks.length)} className="kontroller">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.kontroller(checks.length)}</MessageBarTitle>
              <CellList
                ordered
                selectCell={selectCell}
                items={checks.map((c, i) => {
                  const amount = checkAmountText(c);
                  return {
                    key: String(i),
                    text: `${amount ? `${amount}: ` : ""}${checkPlace(c)}: ${c.message}`,
                    sheet: c.sheet,
                    cell: c.cell,
                    file: c.file,
                  };
                })}
              />
            </MessageBarBody>
          </MessageBar>
        </section>
      )}
      {outcome.recognised.length > 0 && (
        <Accordion collapsible>
          <AccordionItem value="details">
            <AccordionHeader size="small">{t.details}</AccordionHeader>
            <AccordionPanel>
              <Caption1 as="p" block>
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
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </>
  );
}
