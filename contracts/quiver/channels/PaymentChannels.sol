// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IPaymentChannels} from "./IPaymentChannels.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {QuiverParams} from "../QuiverParams.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";

/// @title PaymentChannels
/// @notice Unidirectional QUIV payment channels with cumulative EIP-712 vouchers (see IPaymentChannels).
/// @dev Accounting: each channel holds `deposit - collected` until it is closed, and a closed channel holds
/// nothing; so the contract's QUIV balance equals the sum of `deposit - collected` over channels that are not
/// closed (invariant CH_BALANCE, test/quiver/invariants/channels.inv.test.ts), and a voucher can never pay more than its
/// channel's deposit because `collected <= cumulativeAmount <= deposit` after every redemption. Voucher payouts
/// are exact (no rounding). Every state change happens before the token transfer it causes, behind a transient
/// reentrancy guard. The contract has no admin: its only tunables are registry parameters.
contract PaymentChannels is IPaymentChannels, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IPaymentChannels
    bytes32 public constant VOUCHER_TYPEHASH = keccak256(
        "Voucher(uint256 channelId,uint256 cumulativeAmount,uint256 tokensGenerated)"
    );

    /// @dev States from which a provider may redeem a voucher (Open | Expired | Closing), built once with
    /// StateBitmap.encode (an immutable read costs as little as a literal; a bitmap built per call would not).
    bytes32 private immutable _redeemable;

    IERC20 private immutable _token;
    IParameterRegistry private immutable _registry;

    /// @dev Id of the next channel; starts at 1 so that id 0 is never a channel.
    uint256 private _nextChannelId = 1;
    mapping(uint256 channelId => Channel) private _channels;
    mapping(address consumer => mapping(address signer => SignerAuth)) private _signers;

    /// @dev Delegation of one signer by one consumer (one slot).
    struct SignerAuth {
        bool authorized;
        uint64 revokeAt;
    }

    /// @param token_ the QUIV token
    /// @param registry_ the ParameterRegistry holding `quiver.channels.*`
    constructor(IERC20 token_, IParameterRegistry registry_) EIP712("QUIVer PaymentChannels", "1") {
        if (address(token_) == address(0) || address(registry_) == address(0)) revert ChannelZeroAddress();
        _token = token_;
        _registry = registry_;
        _redeemable =
            _encodeStateBitmap(ChannelState.Open) |
            _encodeStateBitmap(ChannelState.Expired) |
            _encodeStateBitmap(ChannelState.Closing);
    }

    /// @inheritdoc IPaymentChannels
    function open(address provider, uint256 amount, uint64 expiry) external nonReentrant returns (uint256 channelId) {
        if (provider == address(0) || provider == msg.sender) revert ChannelInvalidProvider(msg.sender, provider);
        uint256 minDeposit = _registry.get(QuiverParams.CHANNELS_MIN_DEPOSIT);
        if (amount < minDeposit) revert ChannelDepositTooSmall(msg.sender, amount, minDeposit);
        uint256 latest = block.timestamp + _registry.get(QuiverParams.CHANNELS_MAX_DURATION);
        if (expiry <= block.timestamp || expiry > latest) {
            revert ChannelInvalidExpiry(msg.sender, expiry, block.timestamp + 1, latest);
        }

        channelId = _nextChannelId++;
        _channels[channelId] = Channel({
            consumer: msg.sender,
            expiry: expiry,
            provider: provider,
            settleDeadline: 0,
            closed: false,
            deposit: SafeCast.toUint128(amount),
            collected: 0
        });
        emit ChannelOpened(channelId, msg.sender, provider, amount, expiry);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IPaymentChannels
    function topUp(uint256 channelId, uint256 amount) external nonReentrant {
        Channel storage c = _channels[channelId];
        _validateStateBitmap(channelId, c, _encodeStateBitmap(ChannelState.Open));
        if (msg.sender != c.consumer) revert ChannelNotConsumer(channelId, msg.sender, c.consumer);
        if (amount == 0) revert ChannelZeroAmount(msg.sender);

        uint256 deposit = c.deposit + amount;
        c.deposit = SafeCast.toUint128(deposit);
        emit ChannelToppedUp(channelId, amount, deposit);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IPaymentChannels
    function collect(uint256 channelId, Voucher calldata voucher, bytes calldata signature) external nonReentrant {
        (Channel storage c, uint256 paid) = _redeem(channelId, voucher, signature);
        _token.safeTransfer(c.provider, paid);
    }

    /// @inheritdoc IPaymentChannels
    function close(uint256 channelId, Voucher calldata voucher, bytes calldata signature) external nonReentrant {
        (Channel storage c, uint256 paid) = _redeem(channelId, voucher, signature);
        uint256 refund = _close(channelId, c);
        _token.safeTransfer(c.provider, paid);
        if (refund != 0) _token.safeTransfer(c.consumer, refund);
    }

    /// @inheritdoc IPaymentChannels
    function startClose(uint256 channelId) external {
        Channel storage c = _channels[channelId];
        _validateStateBitmap(channelId, c, _encodeStateBitmap(ChannelState.Expired));
        if (msg.sender != c.consumer) revert ChannelNotConsumer(channelId, msg.sender, c.consumer);

        uint256 deadline = block.timestamp + _registry.get(QuiverParams.CHANNELS_SETTLE_WINDOW);
        c.settleDeadline = SafeCast.toUint64(deadline);
        emit ChannelCloseStarted(channelId, deadline);
    }

    /// @inheritdoc IPaymentChannels
    function finalize(uint256 channelId) external nonReentrant {
        Channel storage c = _channels[channelId];
        _validateStateBitmap(channelId, c, _encodeStateBitmap(ChannelState.Settleable));
        uint256 refund = _close(channelId, c);
        if (refund != 0) _token.safeTransfer(c.consumer, refund);
    }

    /// @inheritdoc IPaymentChannels
    function authorizeSigner(address signer) external {
        if (signer == address(0) || signer == msg.sender) revert ChannelInvalidDelegate(msg.sender, signer);
        _signers[msg.sender][signer] = SignerAuth({authorized: true, revokeAt: 0});
        emit SignerAuthorized(msg.sender, signer);
    }

    /// @inheritdoc IPaymentChannels
    function revokeSigner(address signer) external {
        SignerAuth storage auth = _signers[msg.sender][signer];
        if (!auth.authorized || auth.revokeAt != 0) revert ChannelSignerNotActive(msg.sender, signer);
        uint256 effectiveAt = block.timestamp + _registry.get(QuiverParams.CHANNELS_SIGNER_REVOKE_DELAY);
        auth.revokeAt = SafeCast.toUint64(effectiveAt);
        emit SignerRevoked(msg.sender, signer, effectiveAt);
    }

    /// @inheritdoc IPaymentChannels
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IPaymentChannels
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IPaymentChannels
    function getChannel(uint256 channelId) external view returns (Channel memory) {
        return _channels[channelId];
    }

    /// @inheritdoc IPaymentChannels
    function state(uint256 channelId) external view returns (ChannelState) {
        return _state(_channels[channelId]);
    }

    /// @inheritdoc IPaymentChannels
    function nextChannelId() external view returns (uint256) {
        return _nextChannelId;
    }

    /// @inheritdoc IPaymentChannels
    function voucherDigest(uint256 channelId, Voucher calldata voucher) external view returns (bytes32) {
        return _voucherDigest(channelId, voucher);
    }

    /// @inheritdoc IPaymentChannels
    function isAuthorizedSigner(address consumer, address signer) external view returns (bool) {
        return signer == consumer || _isActiveDelegate(consumer, signer);
    }

    /// @inheritdoc IPaymentChannels
    function signerStatus(address consumer, address signer) external view returns (bool authorized, uint64 revokeAt) {
        SignerAuth storage auth = _signers[consumer][signer];
        return (auth.authorized, auth.revokeAt);
    }

    /// @dev Checks a voucher and records it: state, caller, amounts, then the signature (cheapest checks first,
    /// all before any write). Returns the increase to pay; the caller transfers it.
    function _redeem(
        uint256 channelId,
        Voucher calldata voucher,
        bytes calldata signature
    ) private returns (Channel storage c, uint256 paid) {
        c = _channels[channelId];
        _validateStateBitmap(channelId, c, _redeemable);
        if (msg.sender != c.provider) revert ChannelNotProvider(channelId, msg.sender, c.provider);
        uint256 cumulative = voucher.cumulativeAmount;
        uint256 collected = c.collected;
        if (cumulative <= collected) revert ChannelVoucherNotIncreasing(channelId, cumulative, collected);
        if (cumulative > c.deposit) revert ChannelVoucherAboveDeposit(channelId, cumulative, c.deposit);
        // Reverts on a length other than 65 bytes, on a high s and on an invalid signature (recovery to zero).
        address signer = ECDSA.recoverCalldata(_voucherDigest(channelId, voucher), signature);
        address consumer = c.consumer;
        if (signer != consumer && !_isActiveDelegate(consumer, signer)) {
            revert ChannelInvalidSigner(channelId, signer, consumer);
        }

        // cumulative <= deposit, which is a uint128, so the cast is exact.
        c.collected = uint128(cumulative);
        // unchecked: cumulative > collected was checked above.
        unchecked {
            paid = cumulative - collected;
        }
        emit VoucherCollected(channelId, signer, cumulative, voucher.tokensGenerated, paid);
    }

    /// @dev Marks the channel closed and returns the refund owed to the consumer; the caller transfers it. Virtual
    /// only for the invariant suite's known-bad canary (contracts/mocks/quiver/DoubleRefundChannels.sol).
    function _close(uint256 channelId, Channel storage c) internal virtual returns (uint256 refund) {
        c.closed = true;
        uint256 collected = c.collected;
        // unchecked: collected <= deposit always holds (see _redeem).
        unchecked {
            refund = c.deposit - collected;
        }
        emit ChannelClosed(channelId, collected, refund);
    }

    /// @dev The derived state of channel `c`; reverts with ChannelUnexpectedState unless its bit is set in
    /// `allowed` (built with `_encodeStateBitmap`, see utils/StateBitmap).
    function _validateStateBitmap(uint256 channelId, Channel storage c, bytes32 allowed) private view {
        // StateBitmap.contains, written out: as a library call it costs every transition ~17 gas (measured), and
        // no caller needs the state back (returning it would cost 1 more).
        ChannelState current = _state(c);
        if (uint256(allowed) & (1 << uint8(current)) == 0) revert ChannelUnexpectedState(channelId, current, allowed);
    }

    function _state(Channel storage c) private view returns (ChannelState) {
        if (c.consumer == address(0)) return ChannelState.None;
        if (c.closed) return ChannelState.Closed;
        uint256 deadline = c.settleDeadline;
        if (deadline != 0) return block.timestamp < deadline ? ChannelState.Closing : ChannelState.Settleable;
        return block.timestamp < c.expiry ? ChannelState.Open : ChannelState.Expired;
    }

    function _isActiveDelegate(address consumer, address signer) private view returns (bool) {
        SignerAuth storage auth = _signers[consumer][signer];
        return auth.authorized && (auth.revokeAt == 0 || block.timestamp < auth.revokeAt);
    }

    function _voucherDigest(uint256 channelId, Voucher calldata voucher) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, voucher.cumulativeAmount, voucher.tokensGenerated))
            );
    }

    /// @dev The one-state bitmap of `s`.
    function _encodeStateBitmap(ChannelState s) private pure returns (bytes32) {
        return StateBitmap.encode(uint8(s));
    }
}
