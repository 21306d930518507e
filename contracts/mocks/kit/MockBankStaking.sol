// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IBurnableERC20} from "../../tokens/IBurnableERC20.sol";
import {StakingPools} from "../../staking/StakingPools.sol";
import {StakingTiers} from "../../staking/extensions/StakingTiers.sol";
import {StakingSlashCases} from "../../staking/extensions/StakingSlashCases.sol";
import {UnbondingSegments} from "../../staking/libraries/UnbondingSegments.sol";

/// @title MockBankStaking
/// @notice A minimal non-QUIVer staking contract on the kit's staking core (the shape of a future bank or
/// agent stake): any burnable ERC-20, its own constants for the unbonding period, tiers and slash cases, one
/// slasher, and every executed slash burned. Proves that the core and its extensions carry no QUIVer key.
contract MockBankStaking is StakingTiers, StakingSlashCases {
    using SafeERC20 for IBurnableERC20;
    using UnbondingSegments for UnbondingSegments.Book;

    /// @notice Seconds from unbonding to withdrawal (7 days).
    uint256 public constant UNBONDING_PERIOD = 7 days;
    /// @notice Largest slash: 50% of the case snapshot.
    uint256 public constant MAX_SLASH_BPS = 5_000;
    /// @notice Appeal window after a proposal (2 days) and governance's time to decide an appeal (5 days).
    uint256 public constant APPEAL_WINDOW = 2 days;
    uint256 public constant APPEAL_TIMEOUT = 5 days;

    address private immutable _SLASHER;

    /// @notice Only the slasher may open cases, propose and close.
    error BankNotSlasher(address caller);
    /// @notice The unbonding has not reached its unlock time.
    error BankStillUnbonding(address account, uint256 index, uint256 unlockAt);

    /// @notice A bank registered as a pool.
    event BankRegistered(address indexed bank);
    /// @notice Stake entered a bank's pool.
    event BankStaked(address indexed account, address indexed bank, uint256 amount, uint256 shares);
    /// @notice Stake started unbonding.
    event BankUnbonding(address indexed account, address indexed bank, uint256 amount, uint256 unlockAt);
    /// @notice An unbonding was withdrawn.
    event BankWithdrawn(address indexed account, address indexed bank, uint256 amount);
    /// @notice A final slash was executed and burned.
    event BankSlashBurned(uint256 indexed caseId, address indexed bank, uint256 amount);

    /// @param token the staked token
    /// @param slasher the only address that may open, propose and close cases
    constructor(IBurnableERC20 token, address slasher) StakingPools(token) EIP712("Mock bank stake", "1") {
        _SLASHER = slasher;
    }

    modifier onlySlasher() {
        if (msg.sender != _SLASHER) revert BankNotSlasher(msg.sender);
        _;
    }

    /// @notice Registers the caller as a pool (no commission).
    function register() external {
        _pools[msg.sender].registered = true;
        emit BankRegistered(msg.sender);
    }

    /// @notice Stakes `amount` into `bank`'s pool (allowance needed).
    function stake(address bank, uint256 amount) external {
        if (!_pools[bank].registered) revert StakingNotProvider(bank);
        if (amount == 0) revert StakingZeroAmount();
        if (_pools[bank].openCases != 0) revert StakingFrozenByDispute(bank, _pools[bank].openCases);
        uint256 shares = _deposit(msg.sender, bank, amount);
        emit BankStaked(msg.sender, bank, amount, shares);
        _TOKEN.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Starts unbonding `amount` of the caller's stake in `bank`'s pool.
    function unbond(address bank, uint256 amount) external {
        if (amount == 0) revert StakingZeroAmount();
        uint256 unlockAt = _startUnbonding(msg.sender, bank, amount);
        emit BankUnbonding(msg.sender, bank, amount, unlockAt);
    }

    /// @notice Withdraws the caller's unbonding at `index` once unlocked.
    function withdraw(uint256 index) external {
        uint256 unlockAt = _unbondings[msg.sender][index].unlockAt;
        if (block.timestamp < unlockAt) revert BankStillUnbonding(msg.sender, index, unlockAt);
        (address bank, uint256 tokens) = _takeUnbonding(msg.sender, index);
        emit BankWithdrawn(msg.sender, bank, tokens);
        _TOKEN.safeTransfer(msg.sender, tokens);
    }

    /// @notice Opens a slash case against `bank` for an offence at `offenceAt`.
    function openCase(address bank, uint256 offenceAt) external onlySlasher returns (uint256, uint256) {
        return _openSlashCase(bank, offenceAt);
    }

    /// @notice Proposes a slash (the slasher is the challenger).
    function proposeSlash(uint256 caseId, uint256 amount) external onlySlasher returns (uint256) {
        return _proposeSlash(caseId, amount, msg.sender);
    }

    /// @notice Closes an open case without a slash.
    function closeCase(uint256 caseId) external onlySlasher {
        _closeSlashCase(caseId);
    }

    /// @notice The slashed bank appeals.
    function appeal(uint256 caseId) external {
        _appealSlash(caseId, msg.sender);
    }

    /// @notice Executes a final slash and burns all of it.
    function finalizeSlash(uint256 caseId) external {
        (SlashCase storage c, uint256 amount) = _executeSlash(caseId);
        emit BankSlashBurned(caseId, c.provider, amount);
        if (amount != 0) _TOKEN.burn(amount);
    }

    /// @notice Stored-or-current tier of `bank`.
    function tierOf(address bank) external view returns (uint8) {
        return _tierFor(_pools[bank].bondedTokens, _pools[bank].tier);
    }

    /// @notice Token value of `account`'s stake in `bank`'s pool.
    function stakeOf(address bank, address account) external view returns (uint256) {
        return _positionTokens(bank, account);
    }

    /// @notice What `withdraw(index)` would pay `account` now.
    function unbondingValue(address account, uint256 index) external view returns (uint256) {
        Unbonding storage entry = _unbondings[account][index];
        return _books[entry.provider].valueOf(entry);
    }

    /// @notice The pending unbondings of `account`.
    function unbondingsOf(address account) external view returns (Unbonding[] memory) {
        return _unbondings[account];
    }

    function _onBondedChanged(address bank, Pool storage pool) internal override(StakingPools, StakingTiers) {
        super._onBondedChanged(bank, pool);
    }

    function _unbondingPeriod() internal pure override returns (uint256) {
        return UNBONDING_PERIOD;
    }

    function _tierMinimum(uint8 tier) internal pure override returns (uint256) {
        return uint256(tier) * 100 ether; // 100 / 200 / 300 / 400
    }

    function _tierDemotionBps() internal pure override returns (uint256) {
        return 9_000; // a tier is kept down to 90% of its minimum
    }

    function _maxSlashBps() internal pure override returns (uint256) {
        return MAX_SLASH_BPS;
    }

    function _appealWindow() internal pure override returns (uint256) {
        return APPEAL_WINDOW;
    }

    function _appealTimeout() internal pure override returns (uint256) {
        return APPEAL_TIMEOUT;
    }
}
