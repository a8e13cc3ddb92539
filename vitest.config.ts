import { configDefaults, defineConfig } from "vitest/config";

/**
 * Two projects, both run by `npm test` (scripts/test.sh), one after the other with a summary each:
 * - unit: the pure layers (core, input, report, jobs) on sheet values in memory, the command line's pure parts, the
 *   task pane's components in happy-dom; under a minute on two cores.
 * - integration: what drives a real or faked outside world: the workbook adapters (exceljs, CSV, SIE, the
 *   Office.js reader and writer against the Excel fake), whole workbooks written and read back (the command line
 *   on .xlsx files, the seeds read through exceljs), LibreOffice
 *   opening the written files, the built add-in (webpack) and the task pane in Chromium.
 * A new test file is unit unless it matches one of these.
 */
const INTEGRATION = [
  "test/e2e/**/*.test.ts",
  "test/fakes/**/*.test.ts",
  "test/workbook/**/*.test.ts",
  "test/**/*.libreoffice.test.ts",
  // LibreOffice renders the nämnd's report to PDF.
  "test/report/namnd.test.ts",
  // the command line in child processes on hostile files, with heap caps and deadlines.
  "test/hostile/hostile.test.ts",
  // webpack builds of the add-in.
  "test/manifest.test.ts",
  "test/security.test.ts",
  // whole workbooks written and read back through exceljs.
  "test/input/templateRoundTrip.test.ts",
  "test/input/namndInputs.test.ts",
  // the jobs and the task pane's job runner on the Excel fake.
  "test/jobs/pipeline.test.ts",
  "test/jobs/history.test.ts",
  "test/taskpane/jobs.test.ts",
  "test/taskpane/start.test.ts",
  // the task pane's progress on the Excel fake; its Kontroller against the command line's on a seed workbook.
  "test/taskpane/progress.test.tsx",
  "test/taskpane/kontroller.test.ts",
  // the command line on .xlsx files written and read back through exceljs.
  "test/cli/cli.test.ts",
  "test/cli/history.test.ts",
  "test/cli/namnd.test.ts",
  "test/cli/ny.test.ts",
  "test/prototype.test.ts",
  // the seeds' .xlsx workbooks read through the exceljs reader, every report built from them.
  "test/report/moneyExact.properties.test.ts",
  "test/jobs/yearEnd.test.ts",
];

const shared = { testTimeout: 60_000, hookTimeout: 120_000, pool: "forks" } as const;

export default defineConfig({
  test: {
    ...shared,
    projects: [
      {
        test: {
          ...shared,
          name: "unit",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: [...configDefaults.exclude, ...INTEGRATION],
        },
      },
      { test: { ...shared, name: "integration", include: INTEGRATION } },
    ],
  },
});
