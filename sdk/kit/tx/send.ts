/**
 * Senders: build, pre-flight (`eth_estimateGas`, which surfaces the revert before anything is broadcast),
 * send and wait. Reverts come back as `ContractRevertError` with the decoded custom error.
 */
import { Transaction, type Signer, type TransactionReceipt } from "ethers";
import { KitError } from "../core/errors";
import { toKitError } from "../chain/decoder";
import { resolveParameterKey } from "../chain/readers";
import type { ParameterCatalogue } from "../core/parameters";
import { connectParameterRegistry } from "../chain/contracts";
import { parseAddress } from "../core/units";
import type { Provider } from "ethers";
import type { TxRequest } from "./builders";

/** Options of every sender. */
export interface SendOptions {
  /** Confirmations to wait for (default 1). */
  readonly confirmations?: number;
  /** Called with a short status line ("sending", "waiting for 0x…"); the CLI turns it into progress. */
  readonly onProgress?: (status: string) => void;
}

/**
 * Sends a built transaction and waits for its receipt; reverts are decoded (`contractHint` names the callee).
 *
 * @example
 * const receipt = await sendTx(wallet, { to: registry, data, value: 0n }, "ParameterRegistry");
 */
export async function sendTx(
  signer: Signer,
  request: TxRequest,
  contractHint?: string,
  options: SendOptions = {},
): Promise<TransactionReceipt> {
  try {
    options.onProgress?.("estimating gas");
    const gasLimit = withGasHeadroom(await signer.estimateGas(request));
    options.onProgress?.("sending");
    const response = await sendWithFreshNonce(signer, { ...request, gasLimit });
    options.onProgress?.(`waiting for ${response.hash}`);
    const receipt = await response.wait(options.confirmations ?? 1);
    if (!receipt) throw new KitError(`no receipt for ${response.hash}`);
    return receipt;
  } catch (e) {
    throw toKitError(e, contractHint);
  }
}

/**
 * Extra gas on top of an estimate: vote checkpoints (ERC20Votes) cost ~20k gas more when the transaction's block
 * has a later timestamp than the one the node estimated at (a new checkpoint slot instead of an update of the
 * last one), and a burn or a delegated transfer can write two of them. Some nodes (anvil) estimate at the last
 * block's timestamp, so an exact estimate can run out of gas. Unused gas is not charged.
 */
export const GAS_HEADROOM = 50_000n;

/**
 * The gas limit the senders use: the estimate plus 20% plus {@link GAS_HEADROOM}.
 *
 * @example
 * withGasHeadroom(80_000n); // 146_000n
 */
export function withGasHeadroom(estimate: bigint): bigint {
  return (estimate * 120n) / 100n + GAS_HEADROOM;
}

/** Rejections after which re-signing is safe: the node refused the transaction, so it was never broadcast. */
const RETRYABLE = new Set(["NONCE_EXPIRED", "REPLACEMENT_UNDERPRICED"]);

/**
 * Sends with a fresh nonce when the node says the nonce is taken. ethers v6 providers cache identical RPC
 * answers for 250 ms (`cacheTimeout`), and concurrent sends from one account race for the same nonce, so a
 * transaction can be signed with a nonce that is already used. Before re-signing, the rejected transaction's
 * hash is looked up: if the node knows it after all, that response is returned, so a retry never sends twice.
 */
async function sendWithFreshNonce(signer: Signer, request: TxRequest & { gasLimit: bigint }) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await signer.sendTransaction(request);
    } catch (e) {
      const { code, transaction } = e as { code?: string; transaction?: unknown };
      if (!code || !RETRYABLE.has(code) || attempt >= 5) throw e;
      if (typeof transaction === "string" && signer.provider) {
        const known = await signer.provider.getTransaction(Transaction.from(transaction).hash!);
        if (known) return known;
      }
      await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 200)));
    }
  }
}

/**
 * Reads a registry parameter's current value; an unknown key throws `ContractRevertError` (`ParameterUnknown`).
 *
 * @example
 * await getParameterValue(provider, registryAddress, "quiver.pricing.feeRaiseBps", QUIVER_PARAMETERS); // 1_000n
 */
export async function getParameterValue(
  runner: Provider | Signer,
  registry: string,
  nameOrKey: string,
  catalogue: ParameterCatalogue = [],
) {
  const key = resolveParameterKey(nameOrKey, catalogue);
  try {
    return await connectParameterRegistry(registry, runner).get(key);
  } catch (e) {
    throw toKitError(e, "ParameterRegistry");
  }
}
