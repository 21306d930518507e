/**
 * Commit-reveal salts: a fresh secret per commitment and the store that keeps it between commit and reveal. The
 * interface lives here; the file-backed store is in sdk/kit/node/store.ts (the only layer that touches files).
 */
import { hexlify, randomBytes } from "ethers";

/**
 * A random 32-byte salt (0x-hex).
 *
 * @example
 * const salt = newSalt(); // keep it secret until the reveal
 */
export function newSalt(): string {
  return hexlify(randomBytes(32));
}

/** Where commit-reveal salts live between commit and reveal (bids and votes). Values are JSON strings. */
export interface SaltStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/**
 * A salt store in memory (tests, one-shot scripts).
 *
 * @example
 * const store = new MemorySaltStore();
 */
export class MemorySaltStore implements SaltStore {
  private readonly _map = new Map<string, string>();
  get(key: string): string | undefined {
    return this._map.get(key);
  }
  set(key: string, value: string): void {
    this._map.set(key, value);
  }
  delete(key: string): void {
    this._map.delete(key);
  }
}
