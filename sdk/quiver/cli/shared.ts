/**
 * QUIVer's CLI specifics (the generic helpers are in sdk/cli/helpers.ts): the connected QUIVer contracts, the market
 * addresses and channel deployment, the salt store, vouchers and dispute ids as arguments.
 */
import { InvalidArgumentError } from "../../kit/core";
import { parseVoucher, channelsDeployment, type SignedVoucher } from "..";
import { addressOf } from "../../kit/chain";
import type { CliContext } from "../../cli/context";
import { connectQuiver, type QuiverContracts } from "..";
import { JsonFileStore, readTextFile, userStateFile } from "../../kit/node/store";

/** Environment variable naming the salt store file (bids and votes between commit and reveal). */
export const SALT_STORE_ENV = "KIT_SALT_STORE";

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
 * const { q, addresses } = await marketFor(c, true);
 */
export async function marketFor(c: CliContext, signing: boolean) {
  const book = await c.addressBook();
  const q = await quiverContracts(c, signing);
  const addresses = {
    quiv: addressOf(book, "quiv"),
    marketplace: addressOf(book, "marketplace"),
    channels: addressOf(book, "channels"),
    disputes: addressOf(book, "disputes"),
  };
  return { book, q, addresses, expected: channelsDeployment(book.chainId, addresses.channels) };
}

/**
 * The QUIVer contracts of the deployment, connected to the provider (reads) or the signer (writes).
 *
 * @example
 * const q = await quiverContracts(c, false);
 * await q.staking.tierOf(provider);
 */
export async function quiverContracts(c: CliContext, signing: boolean): Promise<QuiverContracts> {
  return connectQuiver(await c.addressBook(), signing ? await c.signer() : await c.provider());
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
