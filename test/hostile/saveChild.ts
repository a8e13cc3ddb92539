/** Saves a large workbook to the path given, slowly enough to be interrupted (the signal test of hostile.test.ts). */
import ExcelJS from "exceljs";
import { saveWorkbook } from "../../src/workbook/exceljs/file";

const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("Stor");
for (let r = 0; r < 150_000; r++) ws.addRow([`rad ${r}`, r, r * 1.5, "text som tar plats i filen"]);
process.stdout.write("saving\n");
await saveWorkbook(wb, process.argv[2]!);
process.stdout.write("saved\n");
