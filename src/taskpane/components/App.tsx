import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Title3,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { failureText } from "../../input/coreProblems";
import { readSettingsSheet } from "../../input/settings";
import { dictionary, pickLanguage } from "../i18n";
import { REQUIRED_EXCEL_API, type ExcelHost, type HostInfo } from "../host";
import { defaultSettings, runJob, tableNames, type JobKind, type Settings } from "../jobs";
import { JobPage, type JobAction } from "./JobPage";
import { SettingsPage } from "./SettingsPage";
import { StartPage } from "./StartPage";

type PageId = "prognosis" | "volume" | "actionPlan" | "templates" | "settings" | "start";
const PAGES: readonly PageId[] = ["prognosis", "volume", "actionPlan", "templates", "settings", "start"];

interface Props {
  readonly info: HostInfo;
  readonly host: ExcelHost;
}

export function App({ info, host }: Props) {
  const t = dictionary(pickLanguage(info.displayLanguage));
  const [page, setPage] = useState<PageId>("prognosis");
  const [settings, setSettings] = useState<Settings>(() => defaultSettings());
  const [tables, setTables] = useState<string[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const supported = info.supports(REQUIRED_EXCEL_API);

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
  const job = (title: string, actions: readonly JobAction[], chooseInput: boolean, help?: string) => (
    <JobPage
      key={title}
      t={t}
      title={title}
      help={help}
      actions={actions}
      chooseInput={chooseInput}
      tables={tables}
      unsupported={unsupported}
      run={(kind: JobKind, source, progress, ask) => runJob(kind, host, settings, source, progress, ask)}
      selectCell={(sheet, cell) => void guard(host.selectCell(sheet, cell))}
      showSheet={(sheet) => void guard(host.activateSheet(sheet))}
    />
  );

  return (
    <FluentProvider theme={info.dark ? webDarkTheme : webLightTheme} className="app">
      <header>
        <Title3 as="h1">{t.appTitle}</Title3>
      </header>
      <nav aria-label={t.navLabel}>
        <TabList
          size="small"
          selectedValue={page}
          onTabSelect={(_, d) => setPage(d.value as PageId)}
          style={{ flexWrap: "wrap" }}
        >
          {PAGES.map((p) => (
            <Tab key={p} value={p}>
              {t[p]}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main>
        {message && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{message}</MessageBarBody>
          </MessageBar>
        )}
        {page === "prognosis" && job(t.prognosis, [{ kind: "prognosis", label: t.run }], true)}
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
            t.templatesHelp,
          )}
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
