// Writes the add-in's icons (assets/icon-16.png ... icon-80.png) as real PNGs with node:zlib: a green rounded
// square with a white bar chart. Run `node scripts/make-icons.mjs`; the output is committed.
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SIZES = [16, 32, 64, 80];
const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixel of the icon at (x, y) for size s. */
function pixel(x, y, s) {
  const r = s * 0.18; // corner radius
  const cx = Math.min(Math.max(x + 0.5, r), s - r);
  const cy = Math.min(Math.max(y + 0.5, r), s - r);
  const inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r;
  if (!inside) return [0, 0, 0, 0];
  // Three bars of a column chart, heights 40 %, 70 %, 55 % of the inner area.
  const pad = s * 0.2;
  const inner = s - 2 * pad;
  const barW = inner / 4;
  const heights = [0.4, 0.7, 0.55];
  for (let i = 0; i < 3; i++) {
    const x0 = pad + i * barW * 1.5;
    const top = s - pad - inner * heights[i];
    if (x + 0.5 >= x0 && x + 0.5 < x0 + barW && y + 0.5 >= top && y + 0.5 < s - pad) return [255, 255, 255, 255];
  }
  return [16, 124, 65, 255]; // Excel green
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y, size)).copy(raw, row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const size of SIZES) {
  writeFileSync(join(OUT, `icon-${size}.png`), png(size));
  console.log(`assets/icon-${size}.png`);
}
