/** The bundled examples' last step: the workbook written with stable bytes, so a regenerated example is unchanged. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import type ExcelJS from "exceljs";
import JSZip from "jszip";

/** Writes `wb` to `out`, every zip entry stamped with `date` (exceljs stamps the current time), and says so. */
export async function writeStableXlsx(wb: ExcelJS.Workbook, out: string, date: Date, root: string): Promise<void> {
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const stable = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (!entry.dir) stable.file(name, await entry.async("uint8array"), { date, createFolders: false });
  }
  const bytes = await stable.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`Skrev ${relative(root, out)} (${bytes.length} byte).`);
}
