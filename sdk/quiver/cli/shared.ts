/**
 * QUIVer's CLI specifics (the generic helpers are in sdk/cli/helpers.ts): the connected QUIVer contracts, the market
 * addresses and channel deployment, the salt store, vouchers and dispute ids as arguments.
 */
import { InvalidArgumentError } from "../../kit/core";
import { registerStateNames } from "../../cli/describe";
import {
  parseVoucher,
  channelsDeployment,
  readChannel,
  readDispute,
  readJob,
  MAX_SIZE_CLASSES,
  CHANNEL_STATES,
  DisputeState,
  JobState,
  type ChannelEntity,
  type DisputeEntity,
  type JobEntity,
  type SignedVoucher,
} from "..";
import { addressOf } from "../../kit/chain";
import type { CliContext } from "../../cli/context";
import { connectQuiver, type QuiverContracts } from "..";
import { JsonFileStore, readTextFile, userStateFile } from "../../kit/node/store";

// Reverts of QUIVer's state machines print their states by name (`MarketUnexpectedState: job 1 is Revealing, …`).
registerStateNames("MarketUnexpectedState", JobState);
registerStateNames("DisputeUnexpectedState", DisputeState);
registerStateNames("ChannelUnexpectedState", CHANNEL_STATES);

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

/** Provider tiers by minimum stake (`quiver.staking.tier1Min` .. `tier4Min`): a job's `minTier` is one of them. */
export const MAX_TIER = 4;

/**
 * A `--min-tier` argument: 1..4 (a job asking for a tier no provider can reach would be posted for nobody).
 *
 * @example
 * tierArg("2"); // 2
 */
export function tierArg(value: string): number {
  const tier = /^[0-9]+$/.test(value ?? "") ? Number(value) : NaN;
  if (!(tier >= 1 && tier <= MAX_TIER)) {
    throw new InvalidArgumentError(`min-tier must be 1..${MAX_TIER} (tiers by minimum stake), not "${value}"`, {
      details: { minTier: value, allowed: [1, MAX_TIER] },
    });
  }
  return tier;
}

/**
 * A `--size-class` argument: 0..7 (`PricingOracle.MAX_SIZE_CLASSES`).
 *
 * @example
 * sizeClassArg("1"); // 1
 */
export function sizeClassArg(value: string): number {
  const v = /^[0-9]+$/.test(value ?? "") ? Number(value) : NaN;
  if (!(v >= 0 && v < MAX_SIZE_CLASSES)) {
    throw new InvalidArgumentError(`size-class must be 0..${MAX_SIZE_CLASSES - 1}, not "${value}"`, {
      details: { sizeClass: value, allowed: [0, MAX_SIZE_CLASSES - 1] },
    });
  }
  return v;
}

/**
 * The job of that id; an id no job has is bad input ({@link InvalidArgumentError}, exit 2), not a zeroed record.
 *
 * @example
 * const job = await existingJob(q, 7n);
 */
export async function existingJob(q: QuiverContracts, jobId: bigint): Promise<JobEntity> {
  const job = await readJob(q.marketplace, jobId);
  if (job.status === "None") {
    const count = await q.marketplace.jobCount();
    throw new InvalidArgumentError(
      `no job ${jobId}: ${count === 0n ? "no job was posted yet" : `job ids are 1..${count}`}`,
      {
        details: { jobId, jobCount: count },
      },
    );
  }
  return job;
}

/**
 * The channel of that id; an id no channel has is bad input ({@link InvalidArgumentError}, exit 2).
 *
 * @example
 * const ch = await existingChannel(q, 1n);
 */
export async function existingChannel(q: QuiverContracts, channelId: bigint): Promise<ChannelEntity> {
  const channel = await readChannel(q.channels, channelId);
  if (channel.state === "None") {
    const next = await q.channels.nextChannelId();
    throw new InvalidArgumentError(`no channel ${channelId} (the next channel opened gets id ${next})`, {
      details: { channelId, nextChannelId: next },
    });
  }
  return channel;
}

/**
 * The dispute of that id; an id no dispute has is bad input ({@link InvalidArgumentError}, exit 2).
 *
 * @example
 * const d = await existingDispute(q, "0x…");
 */
export async function existingDispute(q: QuiverContracts, disputeId: string): Promise<DisputeEntity> {
  const dispute = await readDispute(q.disputes, disputeId);
  if (dispute.status === "None") {
    throw new InvalidArgumentError(`no dispute ${disputeId}`, { details: { disputeId } });
  }
  return dispute;
}
