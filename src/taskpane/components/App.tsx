import {
  Button,
  Caption1,
  FluentProvider,
  Link,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Overflow,
  OverflowItem,
  Subtitle1,
  Tab,
  TabList,
  useIsOverflowItemVisible,
  useOverflowMenu,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { failureText } from "../../input/coreProblems";
import { readSettingsSheet } from "../../input/settings";
import { periodText } from "../format";
import { dictionary, pickLanguage, type Dictionary } from "../i18n";
import { REQUIRED_EXCEL_API, type ExcelHost, type HostInfo } from "../host";
import { defaultSettings, runJob, tableNames, type JobKind, type Settings } from "../jobs";
import { JobPage, type JobAction } from "./JobPage";
import { SettingsPage } from "./SettingsPage";
import { StartPage } from "./StartPage";

type PageId = "prognosis" | "volume" | "actionPlan" | "templates" | "budget" | "settings" | "start";
const PAGES: readonly PageId[] = ["prognosis", "volume", "actionPlan", "templates", "budget", "settings", "start"];

interface Props {
  readonly info: HostInfo;
  readonly host: ExcelHost;
}

/** A place the tab list has no room for, in the overflow menu (nothing when its tab is shown). */
function OverflowPlace({ id, label, open }: { id: PageId; label: string; open: (p: PageId) => void }) {
  const visible = useIsOverflowItemVisible(id);
  return visible ? null : <MenuItem onClick={() => open(id)}>{label}</MenuItem>;
}

/** "Fler": the places whose tabs do not fit, so that the navigation never wraps to a second row. */
function OverflowMenu({ t, open }: { t: Dictionary; open: (p: PageId) => void }) {
  const { ref, isOverflowing } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button ref={ref} appearance="transparent" size="small" aria-label={t.moreLabel}>
          {t.more}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {PAGES.map((p) => (
            <OverflowPlace key={p} id={p} label={t[p]} open={open} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export function App({ info, host }: Props) {
  const language = pickLanguage(info.displayLanguage);
  const t = dictionary(language);
  const [page, setPage] = useState<PageId>("prognosis");
  const [settings, setSettings] = useState<Settings>(() => defaultSettings());
  const [tables, setTables] = useState<string[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const supported = info.supports(REQUIRED_EXCEL_API);

  // The page's language is the display language: screen readers pronounce the pane in it.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // The workbook's own sheet "Inställningar" (år, månad, teckenkonvention...) fills in the settings once.
  useEffect(() => {
    if (supported)
      readSettingsSheet(host.reader).then(
        (found) => setSettings((s) => ({ ...s, ...found })),
        () => undefined,
      );
  }, [host, supported]);

  useEffect(() => {
    if (supported)
      host.reader.tables().then(
        (list) => setTables(tableNames(list)),
        () => setTables([]),
      );
  }, [host, supported, page]);

  const unsupported = !info.inExcel
    ? t.noHost
    : supported
      ? undefined
      : t.tooOld(t[page === "settings" ? "prognosis" : page], REQUIRED_EXCEL_API);
  const guard = (action: Promise<void>) => action.catch((e: unknown) => setMessage(failureText(e)));
  const job = (
    title: string,
    actions: readonly JobAction[],
    chooseInput: boolean,
    text: { help?: string; intro?: string } = {},
  ) => (
    <JobPage
      key={title}
      t={t}
      title={title}
      help={text.help}
      intro={text.intro}
      actions={actions}
      chooseInput={chooseInput}
      tables={tables}
      unsupported={unsupported}
      run={(kind: JobKind, source, progress, ask) => runJob(kind, host, settings, source, progress, ask, t.words)}
      selectCell={(sheet, cell) => void guard(host.selectCell(sheet, cell))}
      showSheet={(sheet) => void guard(host.activateSheet(sheet))}
    />
  );

  return (
    <FluentProvider theme={info.dark ? webDarkTheme : webLightTheme} className="app">
      <header className="header">
        <Subtitle1 as="h1">{t.appTitle}</Subtitle1>
        {/* The workbook at a glance: who, which month, which signs, which budget; Ändra opens the settings. */}
        <Caption1 as="p" block className="context" aria-label={t.contextLabel}>
          {[
            [settings.kommun, settings.namnd].filter(Boolean).join(", ") || t.noNamnd,
            periodText(t, settings.year, settings.month),
            settings.signConvention === "costPositive" ? t.costPositive : t.costNegative,
            settings.budgetVersion ?? t.latestBudget,
          ].join(" · ")}{" "}
          <Link as="button" inline aria-label={t.changeSettingsLabel} onClick={() => setPage("settings")}>
            {t.changeSettings}
          </Link>
        </Caption1>
      </header>
      <nav aria-label={t.navLabel}>
        <Overflow minimumVisible={1}>
          {/* Fler sits beside the tab list, not in it: a tab list holds only tabs. */}
          <div className="nav">
            <TabList
              size="small"
              selectedValue={page}
              onTabSelect={(_, d) => setPage(d.value as PageId)}
              style={{ flexWrap: "nowrap", whiteSpace: "nowrap", minWidth: 0 }}
            >
              {PAGES.map((p) => (
                <OverflowItem key={p} id={p} priority={p === page ? 2 : 1}>
                  <Tab value={p}>{t[p]}</Tab>
                </OverflowItem>
              ))}
            </TabList>
            <OverflowMenu t={t} open={setPage} />
          </div>
        </Overflow>
      </nav>
      <main>
        {message && (
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.failed}</MessageBarTitle>
              {message}
            </MessageBarBody>
          </MessageBar>
        )}
        {page === "prognosis" && job(t.prognosis, [{ kind: "prognosis", label: t.run }], true, { intro: t.firstRun })}
        {page === "volume" && job(t.volume, [{ kind: "volume", label: t.run }], true)}
        {page === "actionPlan" && job(t.actionPlan, [{ kind: "actionPlan", label: t.run }], true)}
        {page === "templates" &&
          job(
            t.templates,
            [
              { kind: "templates", label: t.generateTemplates },
              { kind: "readTemplates", label: t.readTemplates },
            ],
            false,
            { help: t.templatesHelp },
          )}
        {page === "budget" && job(t.budget, [{ kind: "budget", label: t.run }], false, { help: t.budgetHelp })}
        {page === "settings" && <SettingsPage t={t} settings={settings} onChange={setSettings} />}
        {page === "start" && (
          <StartPage
            t={t}
            host={host}
            unsupported={unsupported}
            selectCell={(sheet, cell) => void guard(host.selectCell(sheet, cell))}
            showSheet={(sheet) => void guard(host.activateSheet(sheet))}
            onStarted={() =>
              void readSettingsSheet(host.reader).then(
                (found) => setSettings((s) => ({ ...s, ...found })),
                () => undefined,
              )
            }
          />
        )}
      </main>
    </FluentProvider>
  );
}
