// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPaymentChannels
/// @notice QUIVer unidirectional payment channels for streaming inference. A consumer locks a QUIV deposit for
/// one provider until an expiry and pays off-chain with EIP-712 vouchers of the *cumulative* amount owed; the
/// provider redeems the latest voucher whenever it likes and is paid only the difference to what it already
/// collected. After the expiry the consumer can start a close, which opens a settle window in which the provider
/// can still redeem a higher voucher; then anyone finalizes and the rest returns to the consumer.
/// @dev Voucher typed data: `Voucher(uint256 channelId,uint256 cumulativeAmount,uint256 tokensGenerated)` under
/// the domain `{name: "QUIVer PaymentChannels", version: "1", chainId, verifyingContract}` (ERC-5267
/// `eip712Domain()`). The channel id comes from a per-contract counter and is never reused, so a voucher is valid
/// for one channel of one deployment on one chain only.
/// Signatures: 65-byte ECDSA (r, s, v) only, low-s only (OpenZeppelin ECDSA); compact EIP-2098 64-byte signatures
/// and EIP-1271 contract wallets are rejected on purpose. A contract-wallet consumer authorizes an EOA hot key with
/// `authorizeSigner` instead.
/// Warning: a signer revocation takes effect only after `quiver.channels.signerRevokeDelay`; until then the
/// revoked key can still sign vouchers, so a consumer whose hot key leaked should also stop topping up.
/// Warning: vouchers signed by a key stop being redeemable when its revocation takes effect, even if they were
/// signed earlier: providers should redeem outstanding vouchers of a thawing key before the delay ends.
interface IPaymentChannels {
    /// @notice Derived lifecycle state of a channel (see `state`).
    /// @dev None: never opened. Open: before expiry. Expired: at or after expiry, no close started (the provider can
    /// still collect). Closing: the settle window runs. Settleable: the settle window is over, `finalize` pays the
    /// refund. Closed: terminal, the channel holds nothing.
    enum ChannelState {
        None,
        Open,
        Expired,
        Closing,
        Settleable,
        Closed
    }

    /// @notice Stored record of a channel (3 storage slots).
    /// @param consumer who deposited and signs vouchers (or delegates signing)
    /// @param expiry unix seconds from which the consumer may start a close
    /// @param provider who redeems vouchers
    /// @param settleDeadline end of the settle window in unix seconds (0 until `startClose`)
    /// @param closed true once closed (terminal)
    /// @param deposit wei of QUIV deposited in total
    /// @param collected wei of QUIV already paid to the provider (the highest redeemed cumulative amount)
    struct Channel {
        address consumer;
        uint64 expiry;
        address provider;
        uint64 settleDeadline;
        bool closed;
        uint128 deposit;
        uint128 collected;
    }

    /// @notice The part of a voucher the provider submits; the channel id is the call's `channelId` and is part of
    /// the signed typed data.
    /// @param cumulativeAmount total wei of QUIV owed to the provider on this channel so far
    /// @param tokensGenerated total inference tokens generated so far (informational, emitted, not checked)
    struct Voucher {
        uint256 cumulativeAmount;
        uint256 tokensGenerated;
    }

    /// @notice The channel `channelId` is in state `current`, but the call needs one of the states whose bit
    /// (`uint8(state)`, see utils/StateBitmap) is set in `allowed`.
    error ChannelUnexpectedState(uint256 channelId, ChannelState current, bytes32 allowed);
    /// @notice `caller` is not the consumer `consumer` of channel `channelId`.
    error ChannelNotConsumer(uint256 channelId, address caller, address consumer);
    /// @notice `caller` is not the provider `provider` of channel `channelId`.
    error ChannelNotProvider(uint256 channelId, address caller, address provider);
    /// @notice `consumer` tried to open a channel for `provider`, which is zero or the consumer itself.
    error ChannelInvalidProvider(address consumer, address provider);
    /// @notice `consumer` tried to open with `amount` wei, below the registry minimum `minDeposit` wei.
    error ChannelDepositTooSmall(address consumer, uint256 amount, uint256 minDeposit);
    /// @notice `caller` passed a zero amount.
    error ChannelZeroAmount(address caller);
    /// @notice `consumer` asked for `expiry`, outside `[earliest, latest]` (now + 1 s .. now + max duration).
    error ChannelInvalidExpiry(address consumer, uint256 expiry, uint256 earliest, uint256 latest);
    /// @notice The voucher's `cumulative` is not strictly above the `collected` amount of channel `channelId`.
    error ChannelVoucherNotIncreasing(uint256 channelId, uint256 cumulative, uint256 collected);
    /// @notice The voucher's `cumulative` exceeds the channel's `deposit`.
    error ChannelVoucherAboveDeposit(uint256 channelId, uint256 cumulative, uint256 deposit);
    /// @notice The voucher of channel `channelId` was signed by `signer`, which is neither the consumer `consumer`
    /// nor one of its active delegated signers.
    error ChannelInvalidSigner(uint256 channelId, address signer, address consumer);
    /// @notice `consumer` tried to authorize `signer`, which is the zero address or the consumer itself.
    error ChannelInvalidDelegate(address consumer, address signer);
    /// @notice `consumer` tried to revoke `signer`, which is not an active (authorized, not thawing) signer.
    error ChannelSignerNotActive(address consumer, address signer);
    /// @notice A constructor address argument is zero.
    error ChannelZeroAddress();

    /// @notice `consumer` opened channel `channelId` for `provider` with `deposit` wei until `expiry` (unix s).
    event ChannelOpened(
        uint256 indexed channelId,
        address indexed consumer,
        address indexed provider,
        uint256 deposit,
        uint256 expiry
    );
    /// @notice The consumer added `amount` wei to channel `channelId`; its deposit is now `deposit` wei.
    event ChannelToppedUp(uint256 indexed channelId, uint256 amount, uint256 deposit);
    /// @notice The provider redeemed a voucher of `cumulativeAmount` wei and `tokensGenerated` tokens signed by
    /// `signer`, and was paid `paid` wei (the increase over what it had collected).
    event VoucherCollected(
        uint256 indexed channelId,
        address indexed signer,
        uint256 cumulativeAmount,
        uint256 tokensGenerated,
        uint256 paid
    );
    /// @notice The consumer started closing channel `channelId`; the provider may redeem vouchers until
    /// `settleDeadline` (unix s, exclusive).
    event ChannelCloseStarted(uint256 indexed channelId, uint256 settleDeadline);
    /// @notice Channel `channelId` closed: the provider received `collected` wei in total, the consumer got
    /// `refunded` wei back.
    event ChannelClosed(uint256 indexed channelId, uint256 collected, uint256 refunded);
    /// @notice `consumer` authorized `signer` to sign vouchers for all of its channels.
    event SignerAuthorized(address indexed consumer, address indexed signer);
    /// @notice `consumer` revoked `signer`; vouchers signed by it stop being accepted at `effectiveAt` (unix s).
    event SignerRevoked(address indexed consumer, address indexed signer, uint256 effectiveAt);

    /// @notice EIP-712 type hash of `Voucher(uint256 channelId,uint256 cumulativeAmount,uint256 tokensGenerated)`.
    function VOUCHER_TYPEHASH() external view returns (bytes32);

    /// @notice The QUIV token held by the channels.
    function token() external view returns (address);

    /// @notice The parameter registry read for `quiver.channels.*`.
    function registry() external view returns (address);

    /// @notice Opens a channel: pulls `amount` wei of QUIV from the caller (allowance needed) for `provider` until
    /// `expiry`. The caller becomes the consumer.
    /// @param provider the provider that will redeem vouchers (not zero, not the caller)
    /// @param amount deposit in wei of QUIV, at least `quiver.channels.minDeposit`
    /// @param expiry unix seconds, after now and at most `quiver.channels.maxDuration` from now
    /// @return channelId the new channel id (a counter starting at 1, never reused)
    function open(address provider, uint256 amount, uint64 expiry) external returns (uint256 channelId);

    /// @notice Adds `amount` wei of QUIV to an open channel (before its expiry). Only the consumer.
    /// @param channelId the channel
    /// @param amount wei of QUIV pulled from the caller (allowance needed), not zero
    function topUp(uint256 channelId, uint256 amount) external;

    /// @notice Redeems a voucher: pays the provider `voucher.cumulativeAmount - collected`. Only the provider, in
    /// the states Open, Expired or Closing.
    /// @dev Requires `collected < cumulativeAmount <= deposit` and a valid 65-byte low-s signature of the consumer
    /// or of one of its active delegated signers over the channel's typed data.
    /// @param channelId the channel
    /// @param voucher cumulative amount (wei) and tokens generated
    /// @param signature 65-byte ECDSA signature over `voucherDigest(channelId, voucher)`
    function collect(uint256 channelId, Voucher calldata voucher, bytes calldata signature) external;

    /// @notice Redeems a voucher like `collect`, then closes the channel at once and refunds the rest of the
    /// deposit to the consumer. Only the provider, in the states Open, Expired or Closing.
    /// @param channelId the channel
    /// @param voucher cumulative amount (wei) and tokens generated
    /// @param signature 65-byte ECDSA signature over `voucherDigest(channelId, voucher)`
    function close(uint256 channelId, Voucher calldata voucher, bytes calldata signature) external;

    /// @notice Starts the settle window of an expired channel. Only the consumer, in the state Expired.
    /// @dev The window length is `quiver.channels.settleWindow`, read now and fixed for this channel.
    /// @param channelId the channel
    function startClose(uint256 channelId) external;

    /// @notice Closes a channel whose settle window is over and refunds `deposit - collected` to the consumer.
    /// Anyone may call (the refund always goes to the consumer), in the state Settleable.
    /// @param channelId the channel
    function finalize(uint256 channelId) external;

    /// @notice Authorizes `signer` to sign vouchers for every channel of the caller (consumer), or re-activates a
    /// signer whose revocation is pending or took effect.
    /// @param signer an EOA hot key (not zero, not the caller)
    function authorizeSigner(address signer) external;

    /// @notice Revokes an active delegated signer; it stops being accepted after `quiver.channels.signerRevokeDelay`.
    /// @param signer a signer the caller authorized and has not revoked
    function revokeSigner(address signer) external;

    /// @notice Stored record of channel `channelId` (all zero if it was never opened).
    function getChannel(uint256 channelId) external view returns (Channel memory);

    /// @notice Derived lifecycle state of channel `channelId` at the current block time.
    function state(uint256 channelId) external view returns (ChannelState);

    /// @notice Id the next `open` will return.
    function nextChannelId() external view returns (uint256);

    /// @notice EIP-712 digest a voucher signer signs for channel `channelId`.
    function voucherDigest(uint256 channelId, Voucher calldata voucher) external view returns (bytes32);

    /// @notice Whether `signer` may sign vouchers of `consumer`'s channels now (the consumer itself always may).
    function isAuthorizedSigner(address consumer, address signer) external view returns (bool);

    /// @notice Delegation record: whether `signer` was authorized by `consumer`, and when its revocation takes (or
    /// took) effect in unix seconds (0 while not revoked).
    function signerStatus(address consumer, address signer) external view returns (bool authorized, uint64 revokeAt);
}
