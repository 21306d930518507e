/**
 * Helpers the governance, treasury, staking and emission command groups share: a send wrapped in progress
 * output, the JSON shape of a transaction result, and the QUIVer contracts of the address book.
 */
import type { TransactionReceipt } from "ethers";
import { InvalidArgumentError, parseAddress, parseAmount, parseBaseUnits } from "../kit/core";
import type { SendOptions } from "../kit/tx";
import type { CliContext } from "./context";
import { connectQuiver, type QuiverContracts } from "../quiver";

/**
 * Runs a send with a progress line (silent with `--json`).
 *
 * @example
 * const receipt = await sendWithProgress(c, "stake 10 QUIV", (o) => stake(signer, staking, amount, o));
 */
export async function sendWithProgress<T>(c: CliContext, label: string, f: (o: SendOptions) => Promise<T>): Promise<T> {
  const progress = c.progress(label);
  try {
    const result = await f({ onProgress: (s) => progress.update(s) });
    progress.done();
    return result;
  } catch (e) {
    progress.done(false);
    throw e;
  }
}

/**
 * The `--json` shape of a transaction: action, sender, extra fields, hash, block and gas.
 *
 * @example
 * c.print(txJson("unbond", from, receipt, { provider, amount }), (r) => [`unbonded in ${r.hash}`]);
 */
export function txJson<E extends Record<string, unknown>>(
  action: string,
  from: string,
  receipt: TransactionReceipt,
  extra: E,
) {
  return { action, from, ...extra, hash: receipt.hash, block: receipt.blockNumber, gasUsed: receipt.gasUsed };
}

/**
 * The QUIVer contracts of the deployment, connected to the provider (reads) or the signer (writes).
 *
 * @example
 * const q = await quiverFor(c, false);
 * await q.staking.tierOf(provider);
 */
export async function quiverFor(c: CliContext, signing: boolean): Promise<QuiverContracts> {
  return connectQuiver(await c.addressBook(), signing ? await c.signer() : await c.provider());
}

/**
 * An amount in QUIV (`12.5`) or, with `--wei`, in wei.
 *
 * @example
 * amountArg("12.5", {}); // 12_500_000_000_000_000_000n
 */
export function amountArg(value: string, opts: { wei?: boolean }): bigint {
  return opts.wei ? parseBaseUnits(value) : parseAmount(value);
}

/**
 * A non-negative integer argument (an index, an id, bps), named in errors.
 *
 * @example
 * intArg("3", "index"); // 3n
 */
export function intArg(value: string, label: string): bigint {
  try {
    return parseBaseUnits(value);
  } catch {
    throw new InvalidArgumentError(`${label} must be a non-negative integer, not "${value}"`, {
      details: { [label]: value },
    });
  }
}

/**
 * The given address, or the signer's when none is given and a key is configured.
 *
 * @example
 * await accountArg(c, undefined); // the signer's address
 */
export async function accountArg(c: CliContext, given: string | undefined, label = "address"): Promise<string> {
  if (given) return parseAddress(given, label);
  if (!c.hasKey()) throw new InvalidArgumentError(`give an ${label} (or configure a key to use the signer's)`);
  return (await c.wallet()).address;
}
