/**
 * PaymentChannels: typed requests (send them with `send` from economy-kit/tx) and the flows that do more than send:
 * opening and topping up (approve first when needed), signing and verifying vouchers against the chain's EIP-712
 * domain.
 */
import type { Signer } from "ethers";
import { parseAddress } from "../../kit/core/units";
import { eventArgs } from "../../kit/chain/events";
import { oneOf, uintArg } from "../../kit/core/args";
import { sendWithAllowance, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import {
  verifyVoucher,
  type ChannelsDeployment,
  type SignedVoucher,
  type Voucher,
  type VoucherAcceptance,
} from "../core/voucher";
import { CHANNELS_ABI, type PaymentChannels } from "../chain/contracts";
import { readChannelsDomain, readChannelView } from "../chain/market";
import { signVoucher } from "../chain/voucher";

type Channels<F extends WriteName<PaymentChannels>> = WriteRequest<PaymentChannels, F>;

const U64 = (1n << 64n) - 1n;

function channelsAt(address: string): string {
  return parseAddress(address, "channels");
}

/**
 * `open(provider, amount, expiry)`: needs an allowance of `amount` for the channels contract ({@link openChannel}
 * approves first).
 *
 * @example
 * buildOpenChannel(channels, provider, parseAmount("50"), now + 86_400n);
 */
export function buildOpenChannel(channels: string, provider: string, amount: bigint, expiry: bigint): Channels<"open"> {
  return writeRequest(CHANNELS_ABI, channelsAt(channels), "open", [
    parseAddress(provider, "provider"),
    uintArg(amount, "amount"),
    uintArg(expiry, "expiry", U64),
  ]);
}

/**
 * `topUp(channelId, amount)` (allowance needed; {@link topUpChannel} approves first).
 *
 * @example
 * buildTopUp(channels, 1n, parseAmount("10"));
 */
export function buildTopUp(channels: string, channelId: bigint, amount: bigint): Channels<"topUp"> {
  return writeRequest(CHANNELS_ABI, channelsAt(channels), "topUp", [
    uintArg(channelId, "channelId"),
    uintArg(amount, "amount"),
  ]);
}

/** The channel functions that redeem a signed voucher (provider only). */
export type VoucherRedeem = "collect" | "close";

/**
 * `collect` (channel stays open) or `close` (pays and refunds the rest) with a signed voucher; provider only.
 *
 * @example
 * await send(provider, buildVoucherRedeem(channels, "close", signedVoucher));
 */
export function buildVoucherRedeem(channels: string, action: VoucherRedeem, v: SignedVoucher): Channels<VoucherRedeem> {
  return writeRequest(CHANNELS_ABI, channelsAt(channels), oneOf(action, ["collect", "close"], "action"), [
    uintArg(v.channelId, "channelId"),
    {
      cumulativeAmount: uintArg(v.cumulativeAmount, "cumulativeAmount"),
      tokensGenerated: uintArg(v.tokensGenerated, "tokensGenerated"),
    },
    v.signature,
  ]);
}

/** The channel functions that take only a channel id. */
export type ChannelAction = "startClose" | "finalize";

/**
 * `startClose(channelId)` (consumer, after expiry) or `finalize(channelId)` (anyone, after the settle window).
 *
 * @example
 * await send(consumer, buildChannelAction(channels, "startClose", 1n));
 */
export function buildChannelAction(
  channels: string,
  action: ChannelAction,
  channelId: bigint,
): Channels<ChannelAction> {
  return writeRequest(CHANNELS_ABI, channelsAt(channels), oneOf(action, ["startClose", "finalize"], "action"), [
    uintArg(channelId, "channelId"),
  ]);
}

/** The functions that manage a delegated voucher signer. */
export type SignerAction = "authorizeSigner" | "revokeSigner";

/**
 * `authorizeSigner(signer)` or `revokeSigner(signer)`: a hot key that may sign the caller's vouchers.
 *
 * @example
 * await send(consumer, buildSignerAction(channels, "authorizeSigner", hotKey));
 */
export function buildSignerAction(channels: string, action: SignerAction, signer: string): Channels<SignerAction> {
  return writeRequest(
    CHANNELS_ABI,
    channelsAt(channels),
    oneOf(action, ["authorizeSigner", "revokeSigner"], "action"),
    [parseAddress(signer, "signer")],
  );
}

/**
 * Opens a channel (approving the deposit first when needed); returns the receipt and the channel id.
 *
 * @example
 * const { channelId } = await openChannel(consumer, channels, quiv, provider, parseAmount("50"), expiry);
 */
export async function openChannel(
  signer: Signer,
  channels: string,
  token: string,
  provider: string,
  amount: bigint,
  expiry: bigint,
  options?: SendOptions,
) {
  const receipt = await sendWithAllowance(
    signer,
    token,
    amount,
    buildOpenChannel(channels, provider, amount, expiry),
    options,
  );
  return { receipt, channelId: eventArgs(receipt, CHANNELS_ABI.iface, "ChannelOpened")[0] as bigint };
}

/**
 * Tops a channel up (approving first when needed).
 *
 * @example
 * await topUpChannel(consumer, channels, quiv, 1n, parseAmount("10"));
 */
export async function topUpChannel(
  signer: Signer,
  channels: string,
  token: string,
  channelId: bigint,
  amount: bigint,
  options?: SendOptions,
) {
  return sendWithAllowance(signer, token, amount, buildTopUp(channels, channelId, amount), options);
}

/**
 * Signs a voucher after reading the channels contract's `eip712Domain()` from the chain and checking it against the
 * deployment in the address book (`expected`): refuses (VoucherDomainMismatchError) when the chain id or the
 * contract differ, or when the signer is connected to another chain.
 *
 * @example
 * const expected = channelsDeployment(book.chainId, addressOf(book, "channels"));
 * const v = await signChannelVoucher(consumer, q.channels, expected, { channelId: 1n, cumulativeAmount: parseAmount("2"), tokensGenerated: 200n });
 */
export async function signChannelVoucher(
  signer: Signer,
  channels: PaymentChannels,
  expected: ChannelsDeployment,
  voucher: Voucher,
): Promise<SignedVoucher> {
  const actual = await readChannelsDomain(channels);
  return signVoucher(signer, voucher, { expected, actual });
}

/**
 * Checks a received voucher against the chain (domain, channel state, deposit, delegated signers among `signers`)
 * and the highest voucher accepted so far; throws the matching VoucherError, returns the increment otherwise.
 *
 * @example
 * const { increment } = await verifyChannelVoucher(q.channels, expected, voucher, lastAccepted);
 */
export async function verifyChannelVoucher(
  channels: PaymentChannels,
  expected: ChannelsDeployment,
  voucher: SignedVoucher,
  lastAccepted: bigint,
  signers: readonly string[] = [],
): Promise<VoucherAcceptance> {
  const [actual, channel] = await Promise.all([
    readChannelsDomain(channels),
    readChannelView(channels, voucher.channelId, signers),
  ]);
  return verifyVoucher(voucher, { expected, actual, channel, lastAccepted });
}
