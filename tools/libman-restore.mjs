// Restores the client libraries listed in libman.json into wwwroot/lib, taking the same
// package@version files from the npm registry (the LibMan CLI cannot be installed here; see
// docs/decisions/0011-client-libraries-from-npm.md). Idempotent: a library whose files are all
// present at the listed version is left alone. Usage: node tools/libman-restore.mjs [repo root]
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile, access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";

const root = process.argv[2] ?? process.cwd();
const registry = process.env.NPM_CONFIG_REGISTRY ?? "https://registry.npmjs.org";
const manifest = JSON.parse(await readFile(join(root, "libman.json"), "utf8"));

const exists = path => access(path).then(() => true, () => false);

// A tar archive is 512-byte blocks: a header (name at 0, size in octal at 124, prefix at 345) and the content.
function* untar(buffer) {
  for (let offset = 0; offset + 512 <= buffer.length;) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every(b => b === 0)) return;
    const text = (start, length) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
    const name = (text(345, 155) ? text(345, 155) + "/" : "") + text(0, 100);
    const size = parseInt(text(124, 12).trim() || "0", 8);
    yield { name, content: buffer.subarray(offset + 512, offset + 512 + size) };
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

for (const lib of manifest.libraries) {
  const at = lib.library.lastIndexOf("@");
  const [name, version] = [lib.library.slice(0, at), lib.library.slice(at + 1)];
  const destination = join(root, lib.destination);
  const marker = join(destination, ".version");
  if (await exists(marker) && (await readFile(marker, "utf8")) === version
      && (await Promise.all(lib.files.map(f => exists(join(destination, f.split("/").pop()))))).every(Boolean)) continue;
  const meta = await (await fetch(`${registry}/${name.replace("/", "%2f")}/${version}`)).json();
  if (!meta.dist) throw new Error(`${lib.library}: not in the npm registry (${JSON.stringify(meta).slice(0, 200)})`);
  const tarball = Buffer.from(await (await fetch(meta.dist.tarball)).arrayBuffer());
  const integrity = "sha512-" + createHash("sha512").update(tarball).digest("base64");
  if (meta.dist.integrity && meta.dist.integrity !== integrity) throw new Error(`${lib.library}: integrity check failed`);
  const files = new Map([...untar(gunzipSync(tarball))].map(e => [e.name.replace(/^package\//, ""), e.content]));
  for (const file of lib.files) {
    const content = files.get(file);
    if (!content) throw new Error(`${lib.library}: no file ${file} in the package`);
    const target = join(destination, file.split("/").pop());
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  await writeFile(marker, version);
  console.log(`restored ${lib.library} into ${lib.destination}`);
}
