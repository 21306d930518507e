/**
 * The sending actions that two command names share: `kit bpci miner register` = `kit bpci poe start-mining`, and
 * `kit bpci job submit` = `kit bpci poe submit-job` (the seed's names). Each pre-flights, approves exactly what the
 * action takes (nothing when it fails), sends with progress and prints the same JSON under either name.
 */
import { formatAmount, InvalidArgumentError, parseAmount, parseBaseUnits } from "../../kit/core";
import { send, sendWithAllowance } from "../../kit/tx";
import type { CliContext } from "../../cli/context";
import { sendWithProgress, txJson } from "../../cli/helpers";
import {
  buildRegisterMiner,
  connectBpci,
  JOB_TYPES,
  jobTypeArg,
  parameterKey,
  poeFee,
  submitJob,
  type BpciContracts,
} from "..";

/** wFLX has the wrapper's 3 decimals more than FLX. */
export const WFLX_DECIMALS = 21;

/** An amount in whole tokens of `decimals`, or base units with `--wei`. */
export function amountArg(value: string, opts: { wei?: boolean }, decimals = 18): bigint {
  return opts.wei ? parseBaseUnits(value) : parseAmount(value, decimals);
}

/** The BPCI contracts of the CLI's address book, read-only or signing. */
export async function bpciContracts(c: CliContext, signing: boolean): Promise<BpciContracts> {
  const book = await c.addressBook();
  return connectBpci(book, signing ? await c.signer() : await c.provider());
}

/** The payment token of a job: `wflx` (default) or `aur`, its address and decimals. */
export async function paymentToken(
  b: BpciContracts,
  name: string,
): Promise<{ address: string; decimals: number; symbol: string }> {
  const n = name.toLowerCase();
  if (n === "wflx" || n === "flx")
    return { address: await b.wflx.getAddress(), decimals: WFLX_DECIMALS, symbol: "wFLX" };
  if (n === "aur") return { address: await b.aur.getAddress(), decimals: 18, symbol: "AUR" };
  throw new InvalidArgumentError(`--token must be wflx or aur, not "${name}"`);
}

/** Registers the signer as a miner with `stake` NEX (approved exactly; 0 during the bootstrap) and prints it. */
export async function registerMinerAction(c: CliContext, stake: bigint): Promise<void> {
  const b = await bpciContracts(c, true);
  const signer = await c.signer();
  const from = await signer.getAddress();
  const req = buildRegisterMiner(await b.minerStaking.getAddress(), stake);
  const nex = await b.nex.getAddress();
  const r = await sendWithProgress(c, "register miner", (o) =>
    stake === 0n ? send(signer, req, o) : sendWithAllowance(signer, nex, stake, req, o),
  );
  c.print(txJson("registerMiner", from, r, { stake }), (x) => [
    `registered miner ${x.from} with ${formatAmount(x.stake)} NEX (${x.hash})`,
  ]);
}

/** What `submitJobAction` submits: the miner, the job type (name or 0..9), the value text and its options. */
export interface SubmitJobArgs {
  readonly miner: string;
  readonly type: string;
  readonly value: string;
  readonly token: string;
  readonly wei?: boolean;
}

/**
 * Pays a miner for a job: value + the fee at the registry's `bpci.poe.feeBps` (approved exactly, after a pre-flight),
 * and prints the job id, value, fee and deadline.
 */
export async function submitJobAction(c: CliContext, a: SubmitJobArgs): Promise<void> {
  const b = await bpciContracts(c, true);
  const signer = await c.signer();
  const token = await paymentToken(b, a.token);
  const value = amountArg(a.value, a, token.decimals);
  const jobType = jobTypeArg(a.type);
  const fee = poeFee(value, await b.registry.get(parameterKey("bpci.poe.feeBps")));
  const r = await sendWithProgress(c, "submit job", (o) =>
    submitJob(
      signer,
      { mining: b.mining.target as string, miner: a.miner, jobType, token: token.address, value, fee },
      o,
    ),
  );
  c.print(
    txJson("submitJob", await signer.getAddress(), r.receipt, {
      jobId: r.jobId,
      jobType: JOB_TYPES[jobType],
      miner: a.miner,
      token: token.symbol,
      value,
      fee: r.fee,
      deadline: r.deadline,
    }),
    (x) => [
      `job ${x.jobId}: ${formatAmount(x.value, token.decimals)} ${x.token} + fee ${formatAmount(x.fee, token.decimals)} for ${x.miner} (${x.hash})`,
    ],
  );
}
