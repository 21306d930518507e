/**
 * The file-backed {@link SaltStore}: commit-reveal salts and agent state that survive restarts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { InvalidArgumentError } from "../core/errors";
import type { SaltStore } from "../tx/salts";

/**
 * A JSON file store (mode 0600, written atomically through a temporary file): salts survive restarts, so a bid
 * committed by `kit job bid` can be revealed by `kit job reveal`, and agents keep their vouchers.
 *
 * @example
 * const store = new JsonFileStore(path.join(os.homedir(), ".quiver", "salts.json"));
 */
export class JsonFileStore implements SaltStore {
  constructor(readonly file: string) {}
  private _read(): Record<string, string> {
    if (!fs.existsSync(this.file)) return {};
    try {
      return JSON.parse(fs.readFileSync(this.file, "utf8")) as Record<string, string>;
    } catch (cause) {
      throw new InvalidArgumentError(`cannot parse store ${this.file}`, { cause });
    }
  }
  private _write(all: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
  get(key: string): string | undefined {
    return this._read()[key];
  }
  set(key: string, value: string): void {
    this._write({ ...this._read(), [key]: value });
  }
  delete(key: string): void {
    const all = this._read();
    delete all[key];
    this._write(all);
  }
}

/**
 * The text of `file`; throws {@link InvalidArgumentError} naming `what` when the file does not exist.
 *
 * @example
 * const json = readTextFile("voucher.json", "voucher file");
 */
export function readTextFile(file: string, what: string): string {
  if (!fs.existsSync(file)) throw new InvalidArgumentError(`${what} not found: ${file}`);
  return fs.readFileSync(file, "utf8");
}

/**
 * Writes `text` to `file` (creating or replacing it); throws {@link InvalidArgumentError} naming `what` when the
 * file cannot be written.
 *
 * @example
 * writeTextFile("tree.json", JSON.stringify(tree.dump()), "tree file");
 */
export function writeTextFile(file: string, text: string, what: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    throw new InvalidArgumentError(`cannot write ${what} ${file}: ${(e as Error).message}`, { details: { file } });
  }
}

/** True when `p` exists (a file or a directory). */
export function pathExists(p: string): boolean {
  return fs.existsSync(p);
}

/** True when `p` is an existing directory. */
export function isDirectory(p: string): boolean {
  return fs.existsSync(p) && fs.statSync(p).isDirectory();
}

/**
 * The regular files directly in `dir` whose names end with one of `suffixes`, as full paths sorted by name (a queue
 * directory is read in a stable order).
 *
 * @example
 * listFiles("queue", [".jsonl", ".json"]); // ["queue/001.jsonl", "queue/payment-7.json"]
 */
export function listFiles(dir: string, suffixes: readonly string[]): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && suffixes.some((x) => e.name.endsWith(x)))
    .map((e) => e.name)
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * A file under the user's `~/.kit` directory (salt stores, agent state).
 *
 * @example
 * userStateFile("salts-chain-31337.json"); // "/home/me/.kit/salts-chain-31337.json"
 */
export function userStateFile(name: string): string {
  return path.join(os.homedir(), ".kit", name);
}
