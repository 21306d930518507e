// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {FeedReader} from "../../oracles/FeedReader.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";
import {BpciParams} from "../BpciParams.sol";
import {FlxRebaseMath} from "./libraries/FlxRebaseMath.sol";
import {IFlxToken} from "./IFlxToken.sol";

/// @title FlxToken
/// @notice FLX: elastic supply with gons/fragments accounting, rebased by a usage feed, once per period, by anyone.
/// @dev Design (math in FlxRebaseMath; README "BPCI tokens" and "Rounding policy"). Gons are minted once, at
/// genesis, and only move afterwards, so the sum of all gons is `scaledTotalSupply()` forever. The supply lives in
/// one slot `{current, next, nextFromBlock}`: a transfer reads that slot (as UFragments reads `_gonsPerFragment`)
/// and divides the constant total gons by the supply that applies in its block. A rebase writes `next` and makes it
/// apply from the next block, which is what makes it unsandwichable within a transaction (IFlxToken, Warning).
/// The rebase also only uses a feed answer written in an earlier block, so it cannot act on a value set in its own
/// transaction. A stale, future, incomplete or non-positive answer reverts the rebase and does not use up the period.
contract FlxToken is IFlxToken, EIP712, Nonces {
    /// @inheritdoc IFlxToken
    uint256 public constant MAX_SUPPLY = type(uint104).max;

    bytes32 private constant _PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    /// @dev The total gons (`FlxRebaseMath.totalGonsFor(genesis supply)`), fixed at deployment.
    uint256 private immutable _totalGons;
    /// @inheritdoc IFlxToken
    IParameterRegistry public immutable registry;
    /// @inheritdoc IFlxToken
    AggregatorV3Interface public immutable usageFeed;

    /// @dev Rebase count and the time of the last rebase (one slot, read and written by `rebase` only).
    struct RebaseClock {
        uint64 epoch;
        uint64 lastRebaseAt;
    }

    SupplyState private _supply;
    RebaseClock private _clock;
    mapping(address account => uint256) private _gons;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;

    /// @param registry_ the kit ParameterRegistry holding the `bpci.flx.*` parameters
    /// @param usageFeed_ the AggregatorV3 usage feed
    /// @param recipients genesis recipients
    /// @param amounts genesis amounts (wei); their sum is the genesis supply, in [1, MAX_SUPPLY]
    constructor(
        IParameterRegistry registry_,
        AggregatorV3Interface usageFeed_,
        address[] memory recipients,
        uint256[] memory amounts
    ) EIP712("Flux", "1") {
        if (address(registry_) == address(0) || address(usageFeed_) == address(0)) revert FlxZeroAddress();
        if (recipients.length != amounts.length) revert FlxGenesisLengthMismatch(recipients.length, amounts.length);
        uint256 supply;
        for (uint256 i = 0; i < amounts.length; ++i) supply += amounts[i];
        if (supply == 0 || supply > MAX_SUPPLY) revert FlxInvalidGenesisSupply(supply, MAX_SUPPLY);
        registry = registry_;
        usageFeed = usageFeed_;
        uint256 totalGons = FlxRebaseMath.totalGonsFor(supply);
        _totalGons = totalGons;
        uint256 gpf = totalGons / supply; // exact: totalGons is a multiple of supply
        for (uint256 i = 0; i < recipients.length; ++i) {
            address to = recipients[i];
            if (to == address(0)) revert ERC20InvalidReceiver(address(0));
            _gons[to] += amounts[i] * gpf;
            emit Transfer(address(0), to, amounts[i]);
        }
        // supply <= MAX_SUPPLY = 2^104 - 1 (checked above).
        _supply = SupplyState(uint104(supply), uint104(supply), 0);
        _clock = RebaseClock(0, uint64(block.timestamp));
    }

    // ---------------------------------------------------------------- ERC-20

    /// @inheritdoc IERC20Metadata
    function name() external pure returns (string memory) {
        return "Flux";
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external pure returns (string memory) {
        return "FLX";
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc IERC20
    function totalSupply() public view returns (uint256) {
        return _supplyNow();
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) public view returns (uint256) {
        return _gons[account] / (_totalGons / _supplyNow());
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) external returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        _spendAllowance(from, msg.sender, value);
        _transfer(from, to, value);
        return true;
    }

    /// @inheritdoc IFlxToken
    function transferAll(address to) external returns (uint256 value) {
        return _transferAll(msg.sender, to);
    }

    /// @inheritdoc IFlxToken
    function transferAllFrom(address from, address to) external returns (uint256 value) {
        _spendAllowance(from, msg.sender, balanceOf(from));
        return _transferAll(from, to);
    }

    // ---------------------------------------------------------------- permit

    /// @inheritdoc IERC20Permit
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 structHash = keccak256(abi.encode(_PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        address signer = ECDSA.recover(_hashTypedDataV4(structHash), v, r, s);
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IFlxToken
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- rebase

    /// @inheritdoc IFlxToken
    function rebase() external returns (uint256 supplyAfter) {
        RebaseClock memory c = _clock;
        uint256 nextAt = uint256(c.lastRebaseAt) + registry.get(BpciParams.FLX_REBASE_PERIOD);
        if (block.timestamp < nextAt) revert FlxRebaseTooEarly(block.timestamp, nextAt);
        (IFeedReader.Status status, uint256 usage, uint256 updatedAt) = FeedReader.tryRead(
            usageFeed,
            registry.get(BpciParams.FLX_USAGE_HEARTBEAT),
            0,
            type(uint256).max,
            18
        );
        if (status != IFeedReader.Status.Ok) revert FlxUsageFeedUnusable(address(usageFeed), status);
        if (updatedAt >= block.timestamp) revert FlxUsageFeedSameBlock(updatedAt, block.timestamp);
        int256 delta = FlxRebaseMath.deltaWad(
            usage,
            registry.get(BpciParams.FLX_TARGET_USAGE),
            registry.get(BpciParams.FLX_MAX_REBASE_BPS),
            registry.get(BpciParams.FLX_DEADBAND_BPS)
        );
        uint256 supplyBefore = _supplyNow();
        supplyAfter = FlxRebaseMath.nextSupply(supplyBefore, delta, MAX_SUPPLY);
        uint256 effectiveBlock = block.number + 1;
        // Both supplies are <= MAX_SUPPLY = 2^104 - 1; block numbers and times fit in 48 and 64 bits.
        _supply = SupplyState(uint104(supplyBefore), uint104(supplyAfter), uint48(effectiveBlock));
        uint64 epoch_ = c.epoch + 1;
        _clock = RebaseClock(epoch_, uint64(block.timestamp));
        emit Rebased(epoch_, usage, delta, supplyBefore, supplyAfter, effectiveBlock);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IFlxToken
    function scaledBalanceOf(address account) external view returns (uint256) {
        return _gons[account];
    }

    /// @inheritdoc IFlxToken
    function scaledTotalSupply() external view returns (uint256) {
        return _totalGons;
    }

    /// @inheritdoc IFlxToken
    function gonsPerFragment() external view returns (uint256) {
        return _totalGons / _supplyNow();
    }

    /// @inheritdoc IFlxToken
    function supplyState() external view returns (SupplyState memory) {
        return _supply;
    }

    /// @inheritdoc IFlxToken
    function epoch() external view returns (uint256) {
        return _clock.epoch;
    }

    /// @inheritdoc IFlxToken
    function lastRebaseAt() external view returns (uint256) {
        return _clock.lastRebaseAt;
    }

    // ---------------------------------------------------------------- internals

    /// @dev The supply that applies in this block.
    function _supplyNow() internal view returns (uint256) {
        SupplyState memory s = _supply;
        return block.number >= s.nextFromBlock ? s.next : s.current;
    }

    function _transfer(address from, address to, uint256 value) internal {
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
        uint256 gpf = _totalGons / _supplyNow();
        uint256 fromGons = _gons[from];
        uint256 balance = fromGons / gpf;
        if (value > balance) revert ERC20InsufficientBalance(from, balance, value);
        // value <= fromGons / gpf, so value * gpf <= fromGons: no overflow, no underflow.
        unchecked {
            _moveGons(from, to, fromGons, value * gpf);
        }
        emit Transfer(from, to, value);
    }

    function _transferAll(address from, address to) internal returns (uint256 value) {
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
        uint256 fromGons = _gons[from];
        value = fromGons / (_totalGons / _supplyNow());
        _moveGons(from, to, fromGons, fromGons);
        emit Transfer(from, to, value);
    }

    /// @dev Moves `gons` (<= `fromGons`, the sender's gons) from `from` to `to`. Cannot overflow: the sum of all gons
    /// is `_totalGons`. Reads `_gons[to]` after the debit, so a self-transfer nets to zero.
    function _moveGons(address from, address to, uint256 fromGons, uint256 gons) internal virtual {
        unchecked {
            _gons[from] = fromGons - gons;
            _gons[to] += gons;
        }
    }

    function _approve(address owner, address spender, uint256 value) internal {
        if (owner == address(0)) revert ERC20InvalidApprover(address(0));
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    /// @dev Lowers the allowance by `value` unless it is infinite (no Approval event, as OpenZeppelin 5).
    function _spendAllowance(address owner, address spender, uint256 value) internal {
        uint256 current = _allowances[owner][spender];
        if (current != type(uint256).max) {
            if (current < value) revert ERC20InsufficientAllowance(spender, current, value);
            unchecked {
                _allowances[owner][spender] = current - value;
            }
        }
    }
}
