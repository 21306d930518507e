// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IBurnableERC20} from "../../tokens/IBurnableERC20.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {StakingPools} from "../../staking/StakingPools.sol";
import {BpciParams} from "../BpciParams.sol";
import {IMinerStaking} from "./IMinerStaking.sol";

/// @title MinerStaking
/// @notice BPCI miners' NEX stake on the kit's staking core: self-bonded pools, unbonding with the registry's period,
/// staked-vote checkpoints (StakingPools' Votes, timestamp clock) for the tier-weighted governance of the next session.
/// @dev Only the core's deposit, unbonding and withdrawal paths are used: no delegation, commission, rewards or slash
/// cases yet (the slashable money of a miner is its locked fee reserve in PoeMining). NEX is the staked token: the
/// core burns slashed stake (IBurnableERC20) and GEN has no burn; a miner restakes the NEX it mines.
contract MinerStaking is StakingPools, IMinerStaking, ReentrancyGuard {
    using SafeERC20 for IBurnableERC20;

    IParameterRegistry private immutable _REGISTRY;
    uint256 private _minerCount;

    /// @param nex the NEX token (staked)
    /// @param registry the ParameterRegistry holding `bpci.poe.minStake` and `bpci.poe.unbondingPeriod`
    constructor(IBurnableERC20 nex, IParameterRegistry registry) StakingPools(nex) EIP712("BPCI staked NEX", "1") {
        if (address(registry) == address(0)) revert StakingZeroAddress();
        _REGISTRY = registry;
    }

    /// @inheritdoc IMinerStaking
    function registerMiner(uint256 amount) external nonReentrant {
        Pool storage pool = _pools[msg.sender];
        if (pool.registered) revert MinerStakingAlreadyRegistered(msg.sender);
        uint256 minimum = _REGISTRY.get(BpciParams.POE_MIN_STAKE);
        if (amount < minimum) revert MinerStakingBelowMinimum(msg.sender, amount, minimum);
        pool.registered = true;
        ++_minerCount;
        pool.globalAccSnapshot = _accRewardPerToken;
        emit MinerRegistered(msg.sender, amount);
        if (amount != 0) _bond(amount);
    }

    /// @inheritdoc IMinerStaking
    function stake(uint256 amount) external nonReentrant {
        if (!_pools[msg.sender].registered) revert StakingNotProvider(msg.sender);
        if (amount == 0) revert StakingZeroAmount();
        _bond(amount);
    }

    /// @inheritdoc IMinerStaking
    function unbond(uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        uint256 count = _unbondings[msg.sender].length;
        if (count >= MAX_UNBONDINGS) revert MinerStakingTooManyUnbondings(msg.sender, count, MAX_UNBONDINGS);
        uint256 unlockAt = _startUnbonding(msg.sender, msg.sender, amount);
        emit MinerUnbondingStarted(msg.sender, count, amount, unlockAt);
    }

    /// @inheritdoc IMinerStaking
    function withdraw(uint256 index) external nonReentrant {
        uint256 count = _unbondings[msg.sender].length;
        if (index >= count) revert MinerStakingUnknownUnbonding(msg.sender, index, count);
        uint256 unlockAt = _unbondings[msg.sender][index].unlockAt;
        if (block.timestamp < unlockAt) revert MinerStakingStillUnbonding(msg.sender, index, block.timestamp, unlockAt);
        (, uint256 tokens) = _takeUnbonding(msg.sender, index);
        emit MinerWithdrawn(msg.sender, index, tokens);
        if (tokens != 0) _TOKEN.safeTransfer(msg.sender, tokens);
    }

    /// @inheritdoc IMinerStaking
    function stakeOf(address miner) public view returns (uint256) {
        return _positionTokens(miner, miner);
    }

    /// @inheritdoc IMinerStaking
    function minerCount() external view returns (uint256) {
        return _minerCount;
    }

    /// @inheritdoc IMinerStaking
    function activeMiner(address miner) external view returns (bool active, uint256 stake_, uint256 minimum) {
        stake_ = stakeOf(miner);
        minimum = _REGISTRY.get(BpciParams.POE_MIN_STAKE);
        active = _pools[miner].registered && stake_ >= minimum;
    }

    /// @inheritdoc IMinerStaking
    function unbondingsOf(address account) external view returns (Unbonding[] memory) {
        return _unbondings[account];
    }

    function _unbondingPeriod() internal view override returns (uint256) {
        return _REGISTRY.get(BpciParams.POE_UNBONDING_PERIOD);
    }

    function _bond(uint256 amount) private {
        uint256 shares = _deposit(msg.sender, msg.sender, amount);
        emit MinerStaked(msg.sender, amount, shares);
        _TOKEN.safeTransferFrom(msg.sender, address(this), amount);
    }
}
