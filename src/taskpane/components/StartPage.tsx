import { Caption1, Label } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { Dictionary } from "../i18n";
import type { JobHost } from "../jobs";
import { startWorkbook, type StartSource } from "../start";
import { JobPage } from "./JobPage";

interface Props {
  readonly t: Dictionary;
  readonly host: JobHost;
  readonly unsupported?: string;
  readonly selectCell: (sheet: string, cell: string) => void;
  readonly showSheet: (sheet: string) => void;
  /** After a start: the workbook's sheet Inställningar is new, read it into the settings. */
  readonly onStarted: () => void;
}

/** Kom igång: the input sheets from the workbook's ledger sheet or a ledger file picked here, then a first report. */
export function StartPage({ t, host, unsupported, selectCell, showSheet, onStarted }: Props) {
  const id = useId();
  const [file, setFile] = useState<File | undefined>();
  return (
    <JobPage
      t={t}
      title={t.start}
      help={t.startHelp}
      actions={[{ kind: "prognosis", label: t.startRun }]}
      chooseInput={false}
      tables={[]}
      unsupported={unsupported}
      run={async (_kind, _source, progress, ask) => {
        const source: StartSource = file
          ? { kind: "file", name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
          : { kind: "workbook" };
        const outcome = await startWorkbook(host, source, progress, ask);
        onStarted();
        return outcome;
      }}
      selectCell={selectCell}
      showSheet={showSheet}
    >
      <div className="start-file">
        <Label htmlFor={id}>{t.startFile}</Label>
        <input
          id={id}
          type="file"
          accept=".csv,.txt,.se,.si,.sie"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? undefined)}
        />
        {!file && <Caption1 block>{t.startNoFile}</Caption1>}
      </div>
    </JobPage>
  );
}
