/**
 * The consumer's side of a streamed channel: signs one voucher per batch of generated tokens, each with a higher
 * cumulative amount, against the channels contract's on-chain EIP-712 domain (checked against the address book).
 */
import type { Signer } from "ethers";
import { InvalidArgumentError } from "../../kit/core/errors";
import type { SignedVoucher } from "../core/voucher";
import type { PaymentChannels } from "../chain/contracts";
import { channelsDeployment } from "../chain/market";
import { signChannelVoucher } from "../tx/channels";

/**
 * Signs cumulative vouchers for a channel at a fixed price per token.
 *
 * @example
 * const stream = new VoucherStream(consumer, q.channels, book.chainId, channelsAddress, 1n, parseAmount("0.01"));
 * const v = await stream.pay(100n);   // 100 more tokens: cumulative 1 QUIV
 * await providerAgent.serve(v);      // the provider verifies before serving the next batch
 */
export class VoucherStream {
  private _tokens = 0n;

  constructor(
    private readonly _signer: Signer,
    private readonly _channels: PaymentChannels,
    private readonly _chainId: bigint,
    private readonly _channelsAddress: string,
    readonly channelId: bigint,
    /** Wei per generated token. */
    readonly pricePerToken: bigint,
  ) {
    if (pricePerToken <= 0n) throw new InvalidArgumentError("pricePerToken must be positive");
  }

  /** Tokens paid for so far. */
  get tokens(): bigint {
    return this._tokens;
  }

  /**
   * Signs the voucher for `more` tokens on top of the ones already paid.
   *
   * @example
   * const v = await stream.pay(50n);
   */
  async pay(more: bigint): Promise<SignedVoucher> {
    if (more <= 0n) throw new InvalidArgumentError("more must be positive");
    const tokens = this._tokens + more;
    const v = await signChannelVoucher(
      this._signer,
      this._channels,
      channelsDeployment(this._chainId, this._channelsAddress),
      { channelId: this.channelId, cumulativeAmount: tokens * this.pricePerToken, tokensGenerated: tokens },
    );
    this._tokens = tokens;
    return v;
  }
}
