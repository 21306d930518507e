/**
 * Helpers shared by the market CLI groups (`job`, `channel`, `dispute`, `price`, `agent`).
 */
import { id as keccakText } from "ethers";
import { InvalidArgumentError, parseAmount, parseBaseUnits } from "../../kit/core";
import { parseVoucher, channelsDeployment, type SignedVoucher } from "..";
import { addressOf } from "../../kit/chain";
import type { CliContext } from "../../cli/context";
import { connectQuiver, type QuiverContracts } from "..";
import { JsonFileStore, readTextFile, userStateFile } from "../../kit/node/store";

/** Environment variable naming the salt store file (bids and votes between commit and reveal). */
export const SALT_STORE_ENV = "KIT_SALT_STORE";

/** `--wei` switch of amount arguments. */
export interface AmountOpts {
  wei?: boolean;
}

/**
 * Parses an amount argument: QUIV with up to 18 decimals, or wei with `--wei`.
 *
 * @example
 * amountArg("12.5", {}); // 12_500_000_000_000_000_000n
 */
export function amountArg(value: string, opts: AmountOpts = {}): bigint {
  return opts.wei ? parseBaseUnits(value) : parseAmount(value);
}

/**
 * Parses a non-negative integer argument (ids, seconds, token counts).
 *
 * @example
 * uintArg("7", "jobId"); // 7n
 */
export function uintArg(value: string, label: string): bigint {
  if (!/^(0|[1-9][0-9]*)$/.test(value ?? "")) {
    throw new InvalidArgumentError(`${label} must be a non-negative integer, got "${value}"`);
  }
  const v = BigInt(value);
  if (v >= 1n << 256n) throw new InvalidArgumentError(`${label} exceeds uint256`);
  return v;
}

/**
 * A 32-byte hash argument: a 0x-prefixed 32-byte hex string is used as is, any other text is hashed
 * (`keccak256(utf8(text))`), so `--model llama-8b` works.
 *
 * @example
 * hashArg("llama-8b", "model"); // keccak256("llama-8b")
 */
export function hashArg(value: string, label: string): string {
  if (value === undefined || value === "") throw new InvalidArgumentError(`${label} must not be empty`);
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  if (/^0x/.test(value)) throw new InvalidArgumentError(`${label} looks like hex but is not 32 bytes: "${value}"`);
  return keccakText(value);
}

/**
 * A dispute id argument (32-byte hex).
 *
 * @example
 * disputeIdArg("0x…");
 */
export function disputeIdArg(value: string): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value ?? "")) throw new InvalidArgumentError(`not a 32-byte dispute id: "${value}"`);
  return value.toLowerCase();
}

/**
 * A voucher argument: its JSON (from `kit channel voucher sign`) or `@file` holding it.
 *
 * @example
 * voucherArg("@voucher.json");
 */
export function voucherArg(value: string): SignedVoucher {
  let text = value;
  if (value.startsWith("@")) {
    const file = value.slice(1);
    text = readTextFile(file, "voucher file");
  }
  try {
    return parseVoucher(text.trim());
  } catch (cause) {
    if (cause instanceof SyntaxError) throw new InvalidArgumentError("the voucher is not valid JSON", { cause });
    throw new InvalidArgumentError(`bad voucher: ${(cause as Error).message.split("\n")[0]}`, { cause });
  }
}

/**
 * The QUIVer contracts of the configured deployment, on the provider or (when `signing`) the signer.
 *
 * @example
 * const { q, addresses } = await quiverFor(c, true);
 */
export async function quiverFor(c: CliContext, signing: boolean) {
  const book = await c.addressBook();
  const q: QuiverContracts = connectQuiver(book, signing ? await c.signer() : await c.provider());
  const addresses = {
    quiv: addressOf(book, "quiv"),
    marketplace: addressOf(book, "marketplace"),
    channels: addressOf(book, "channels"),
    disputes: addressOf(book, "disputes"),
  };
  return { book, q, addresses, expected: channelsDeployment(book.chainId, addresses.channels) };
}

/**
 * The salt store: `--salt-store`, else `$KIT_SALT_STORE`, else `~/.kit/salts-chain-<id>.json`.
 *
 * @example
 * const store = await saltStoreFor(c, opts.saltStore);
 */
export async function saltStoreFor(c: CliContext, given?: string): Promise<JsonFileStore> {
  const file = given ?? c.io.env[SALT_STORE_ENV] ?? userStateFile(`salts-chain-${await c.chainId()}.json`);
  return new JsonFileStore(file);
}

// One implementation for every command group (sdk/cli/txOutput.ts); `txResult` is its `txJson`.
export { sendWithProgress, txJson as txResult } from "../../cli/txOutput";
