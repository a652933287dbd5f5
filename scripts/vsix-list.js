#!/usr/bin/env node
// Lists the entries of a .vsix (a zip file) from its central directory: no unzip binary needed.
// CLI: node scripts/vsix-list.js FILE.vsix   prints "size  name" per entry.
// Module: listZip(file) -> [{name, size, compressed, method, offset}]; extractZip(file, destDir) unpacks it.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function listZip(file) {
  const buf = fs.readFileSync(file);
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: corrupt central directory at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20),
      size = buf.readUInt32LE(p + 24),
      offset = buf.readUInt32LE(p + 42);
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressed, method, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
/** Unpacks every file entry of a zip (stored or deflated) under destDir; refuses paths leaving destDir. */
function extractZip(file, destDir) {
  const buf = fs.readFileSync(file);
  const root = path.resolve(destDir);
  for (const e of listZip(file)) {
    if (e.name.endsWith('/')) continue;
    const target = path.resolve(root, e.name);
    if (!target.startsWith(root + path.sep)) throw new Error(`${file}: entry ${e.name} escapes the target folder`);
    const h = e.offset;
    if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`${file}: bad local header for ${e.name}`);
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    const raw = buf.subarray(start, start + e.compressed);
    const data = e.method === 0 ? raw : e.method === 8 ? zlib.inflateRawSync(raw) : null;
    if (!data) throw new Error(`${file}: ${e.name} uses unsupported compression method ${e.method}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
}
module.exports = { listZip, extractZip };

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: vsix-list.js FILE.vsix');
    process.exit(2);
  }
  const entries = listZip(file);
  for (const e of entries) console.log(`${String(e.size).padStart(10)}  ${e.name}`);
  console.log(`${String(entries.reduce((s, e) => s + e.size, 0)).padStart(10)}  (${entries.length} entries, uncompressed)`);
}
