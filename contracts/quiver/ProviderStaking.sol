// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {UnbondingSegments} from "../staking/libraries/UnbondingSegments.sol";
import {IQuivToken} from "./IQuivToken.sol";
import {IBurnableERC20} from "../tokens/IBurnableERC20.sol";
import {IProviderStaking} from "./IProviderStaking.sol";
import {IStakingHooks} from "../staking/IStakingHooks.sol";
import {IParameterRegistry} from "../registry/IParameterRegistry.sol";
import {QuiverParams} from "./QuiverParams.sol";
import {FeeSplit} from "../fees/FeeSplit.sol";
import {StakingPools} from "../staking/StakingPools.sol";
import {StakingTiers} from "../staking/extensions/StakingTiers.sol";
import {StakingSlashCases} from "../staking/extensions/StakingSlashCases.sol";
import {BPS} from "../utils/Constants.sol";

/// @title ProviderStaking
/// @notice QUIVer provider staking: tiers with hysteresis, delegation pools with commission, unbonding,
/// slashing with an appeal window, reputation, accumulator rewards and staked-vote checkpoints.
/// @dev Accounting lives in StakingPools (see its design note), tiers in StakingTiers, the slash-case state
/// machine in StakingSlashCases; this contract reads every parameter from QuiverParams keys. Slashing rules:
/// - `openSlashCase(provider, offenceAt)` splits the provider's unbonding segments at the offence (see
///   StakingPools) and snapshots bonded stake plus the unbonding entries created at or after the offence
///   (SEC-06). The offence time is raised to `now - unbondingPeriod + 1` (older entries have matured), and
///   the position boundary to the end of the latest withdrawn entry, which keeps the split exact whatever
///   the registry's dispute window and unbonding period (with the defaults, 1 day < 14 days, it never
///   moves). While the case is open the pool takes no new stake or delegation, and only the entries it can
///   slash are frozen (SEC-03); unbonding stays allowed (the stake stays slashable in its segment).
/// - `proposeSlash` caps the amount at `maxSlashBps` of the snapshot (read at proposal; a larger amount is
///   lowered, never reverted: SEC-05); the appeal window is read at proposal too (DSP-04).
/// - `finalizeSlash` takes the amount (capped at what the case can reach then, for overlapping cases) from
///   the bonded pool and the case's segments pro rata and splits it with the registry shares read at
///   finalization: challenger, insurance fund, burn (last FeeSplit leg, takes the dust).
/// Trust: SLASHER_ROLE (DisputeManager) can freeze the slashable part of a pool indefinitely by leaving a
/// case open, and chooses the offence time.
contract ProviderStaking is StakingTiers, StakingSlashCases, IProviderStaking, AccessControl, ReentrancyGuard {
    using SafeERC20 for IBurnableERC20;
    using UnbondingSegments for UnbondingSegments.Book;

    /// @inheritdoc IProviderStaking
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @inheritdoc IProviderStaking
    bytes32 public constant MARKET_ROLE = keccak256("MARKET_ROLE");
    /// @inheritdoc IProviderStaking
    bytes32 public constant APPEAL_ROLE = keccak256("APPEAL_ROLE");
    /// @dev Reputation points per completed job (the SPEC: reputation is "raised by completed jobs").
    uint256 public constant REPUTATION_PER_JOB = 1;
    /// @dev Reputation points lost per executed slash (the SPEC: reputation is "lowered by slashes"; 100 jobs' worth).
    uint256 public constant REPUTATION_SLASH_PENALTY = 100;
    /// @dev Time after a scheduled commission increase becomes due during which it can still be applied
    /// (SEC-17); later it lapses.
    uint256 public constant COMMISSION_GRACE_PERIOD = 3 days;

    IParameterRegistry private immutable _REGISTRY;
    address private _insuranceFund;

    /// @param quiv the QUIV token
    /// @param registry the ParameterRegistry
    /// @param admin receives DEFAULT_ADMIN_ROLE and APPEAL_ROLE (the deploy module's deployer; the timelock
    /// at merge)
    /// @param insuranceFund_ receives the insurance share of slashes
    constructor(
        IQuivToken quiv,
        IParameterRegistry registry,
        address admin,
        address insuranceFund_
    ) StakingPools(IBurnableERC20(address(quiv))) EIP712("QUIVer staked QUIV", "1") {
        if (address(registry) == address(0) || admin == address(0) || insuranceFund_ == address(0)) {
            revert StakingZeroAddress();
        }
        _REGISTRY = registry;
        _insuranceFund = insuranceFund_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(APPEAL_ROLE, admin);
    }

    // ------------------------------------------------------------------------------------ stakers

    /// @inheritdoc IProviderStaking
    function registerProvider(uint256 commissionBps) external {
        Pool storage pool = _pools[msg.sender];
        if (pool.registered) revert StakingAlreadyProvider(msg.sender);
        _checkCommission(msg.sender, commissionBps);
        pool.registered = true;
        pool.commissionBps = uint16(commissionBps);
        pool.globalAccSnapshot = _accRewardPerToken;
        emit ProviderRegistered(msg.sender, commissionBps);
    }

    /// @inheritdoc IProviderStaking
    function stake(uint256 amount) external nonReentrant {
        _stakeInto(msg.sender, amount);
    }

    /// @inheritdoc IProviderStaking
    function delegateStake(address provider, uint256 amount) external nonReentrant {
        _stakeInto(provider, amount);
    }

    /// @inheritdoc IProviderStaking
    function unbond(address provider, uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        uint256 count = _unbondings[msg.sender].length;
        if (count >= MAX_UNBONDINGS) revert StakingTooManyUnbondings(msg.sender, count, MAX_UNBONDINGS);
        uint256 unlockAt = _startUnbonding(msg.sender, provider, amount);
        emit UnbondingStarted(msg.sender, provider, count, amount, unlockAt);
    }

    /// @inheritdoc IProviderStaking
    function withdraw(uint256 index) external nonReentrant {
        uint256 count = _unbondings[msg.sender].length;
        if (index >= count) revert StakingUnknownUnbonding(msg.sender, index, count);
        Unbonding storage entry = _unbondings[msg.sender][index];
        if (block.timestamp < entry.unlockAt) {
            revert StakingStillUnbonding(msg.sender, index, block.timestamp, entry.unlockAt);
        }
        (address provider, uint256 tokens) = _takeUnbonding(msg.sender, index);
        emit Withdrawn(msg.sender, provider, index, tokens);
        if (tokens != 0) _TOKEN.safeTransfer(msg.sender, tokens);
    }

    /// @inheritdoc IProviderStaking
    function claimRewards(address provider) external nonReentrant returns (uint256 amount) {
        amount = _collect(msg.sender, provider);
        if (amount == 0) revert StakingNothingToClaim(msg.sender);
        emit RewardsClaimed(msg.sender, amount);
        _TOKEN.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IStakingHooks
    function distributeRewards(uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        (uint256 total, bool queued) = _addRewards(amount);
        if (queued) emit RewardsQueued(msg.sender, amount, total);
        else emit RewardsDistributed(msg.sender, amount, total);
        _TOKEN.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IProviderStaking
    function setCommission(uint256 commissionBps) external {
        Pool storage pool = _pools[msg.sender];
        if (!pool.registered) revert StakingNotProvider(msg.sender);
        _checkCommission(msg.sender, commissionBps);
        uint256 old = pool.commissionBps;
        if (commissionBps <= old) {
            _drip();
            _accruePool(msg.sender, pool);
            pool.commissionBps = uint16(commissionBps);
            pool.commissionEffectiveAt = 0;
            emit CommissionChanged(msg.sender, old, commissionBps);
        } else {
            uint256 effectiveAt = block.timestamp + _REGISTRY.get(QuiverParams.STAKING_COMMISSION_DELAY);
            pool.pendingCommissionBps = uint16(commissionBps);
            pool.commissionEffectiveAt = uint48(effectiveAt);
            emit CommissionChangeScheduled(msg.sender, old, commissionBps, effectiveAt);
        }
    }

    /// @inheritdoc IProviderStaking
    function applyCommission(address provider) external {
        Pool storage pool = _pools[provider];
        uint256 effectiveAt = pool.commissionEffectiveAt;
        if (effectiveAt == 0) revert StakingNoPendingCommission(provider);
        if (block.timestamp < effectiveAt) revert StakingCommissionNotDue(provider, block.timestamp, effectiveAt);
        uint256 lapsedAt = effectiveAt + COMMISSION_GRACE_PERIOD;
        if (block.timestamp > lapsedAt) {
            pool.commissionEffectiveAt = 0;
            emit CommissionIncreaseLapsed(provider, pool.pendingCommissionBps, lapsedAt);
            return;
        }
        _drip();
        _accruePool(provider, pool);
        uint256 old = pool.commissionBps;
        pool.commissionBps = pool.pendingCommissionBps;
        pool.commissionEffectiveAt = 0;
        emit CommissionChanged(provider, old, pool.commissionBps);
    }

    /// @inheritdoc IProviderStaking
    function syncVotes(address provider, address account) external {
        Pool storage pool = _pools[provider];
        Position storage pos = _positions[provider][account];
        _retireStale(account, provider, pool, pos);
        _syncVotes(account, pool, pos);
    }

    // ------------------------------------------------------------------------------------ dispute system

    /// @inheritdoc IStakingHooks
    function openSlashCase(
        address provider,
        uint256 offenceAt
    ) external onlyRole(SLASHER_ROLE) returns (uint256 caseId, uint256 snapshotStake) {
        return _openSlashCase(provider, offenceAt);
    }

    /// @inheritdoc IStakingHooks
    function proposeSlash(
        uint256 caseId,
        uint256 amount,
        address challenger
    ) external onlyRole(SLASHER_ROLE) returns (uint256 slashId) {
        return _proposeSlash(caseId, amount, challenger);
    }

    /// @inheritdoc IStakingHooks
    function closeSlashCase(uint256 caseId) external onlyRole(SLASHER_ROLE) {
        _closeSlashCase(caseId);
    }

    /// @inheritdoc IProviderStaking
    function overturnSlash(uint256 caseId) external onlyRole(APPEAL_ROLE) {
        _overturnSlash(caseId);
    }

    /// @inheritdoc IProviderStaking
    function appealSlash(uint256 caseId) external {
        _appealSlash(caseId, msg.sender);
    }

    /// @inheritdoc IProviderStaking
    function dismissAppeal(uint256 caseId) external onlyRole(APPEAL_ROLE) {
        _dismissAppeal(caseId);
    }

    /// @inheritdoc IProviderStaking
    function finalizeSlash(uint256 caseId) external nonReentrant {
        (SlashCase storage c, uint256 amount) = _executeSlash(caseId);
        address provider = c.provider;
        Pool storage pool = _pools[provider];
        uint256 oldScore = pool.reputation;
        uint256 newScore = oldScore > REPUTATION_SLASH_PENALTY ? oldScore - REPUTATION_SLASH_PENALTY : 0;
        pool.reputation = newScore;
        uint256[] memory shares = new uint256[](2);
        shares[0] = _REGISTRY.get(QuiverParams.STAKING_SLASH_CHALLENGER_BPS);
        shares[1] = _REGISTRY.get(QuiverParams.STAKING_SLASH_INSURANCE_BPS);
        // Registry bounds keep each share <= 50%; a bounds change that broke this makes FeeSplit revert.
        // The burn leg is the remainder.
        uint256[] memory legs = FeeSplit.splitWithRemainder(amount, shares);
        emit ReputationChanged(provider, oldScore, newScore);
        emit SlashFinalized(caseId, provider, amount, legs[0], legs[1], legs[2]);
        if (legs[0] != 0) _TOKEN.safeTransfer(c.challenger, legs[0]);
        if (legs[1] != 0) _TOKEN.safeTransfer(_insuranceFund, legs[1]);
        if (legs[2] != 0) _TOKEN.burn(legs[2]);
    }

    /// @inheritdoc IStakingHooks
    function recordJobCompleted(address provider) external onlyRole(MARKET_ROLE) {
        Pool storage pool = _pools[provider];
        if (!pool.registered) revert StakingNotProvider(provider);
        uint256 old = pool.reputation;
        pool.reputation = old + REPUTATION_PER_JOB;
        emit ReputationChanged(provider, old, old + REPUTATION_PER_JOB);
    }

    /// @inheritdoc IProviderStaking
    function setInsuranceFund(address fund) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (fund == address(0)) revert StakingZeroAddress();
        address old = _insuranceFund;
        _insuranceFund = fund;
        emit InsuranceFundChanged(old, fund);
    }

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc IStakingHooks
    function tierOf(address provider) external view returns (uint8) {
        Pool storage pool = _pools[provider];
        if (!pool.registered) return 0;
        return _tierFor(pool.bondedTokens, pool.tier);
    }

    /// @inheritdoc IStakingHooks
    function slashableStakeOf(address provider) external view returns (uint256) {
        Pool storage pool = _pools[provider];
        return pool.bondedTokens + _books[provider].reach(block.timestamp);
    }

    /// @inheritdoc IProviderStaking
    function stakeOf(address provider, address account) external view returns (uint256) {
        return _positionTokens(provider, account);
    }

    /// @inheritdoc IProviderStaking
    function sharesOf(address provider, address account) external view returns (uint256) {
        return _liveShares(_pools[provider], _positions[provider][account]);
    }

    /// @inheritdoc IProviderStaking
    function pendingRewards(address provider, address account) external view returns (uint256 amount) {
        Pool storage pool = _pools[provider];
        uint256 accPerShare = pool.accRewardPerShare;
        uint256 reward = Math.mulDiv(
            pool.bondedTokens,
            _previewAcc() - pool.globalAccSnapshot,
            _ACC_SCALE,
            Math.Rounding.Floor
        );
        if (pool.bondedShares == 0) reward = 0;
        uint256 commission = Math.mulDiv(reward, pool.commissionBps, BPS, Math.Rounding.Floor);
        if (reward != 0) {
            accPerShare += Math.mulDiv(reward - commission, _ACC_SCALE, pool.bondedShares, Math.Rounding.Floor);
        }
        Position storage pos = _positions[provider][account];
        // A position of a retired epoch earns up to the wipe-out only (SEC-16).
        if (pos.epoch != pool.epoch) accPerShare = _retiredAcc[provider][pos.epoch];
        amount = _claimable[account] + Math.mulDiv(pos.shares, accPerShare - pos.rewardDebt, _ACC_SCALE);
        if (account == provider) amount += commission;
    }

    /// @inheritdoc IProviderStaking
    function unbondingsOf(address account) external view returns (Unbonding[] memory) {
        return _unbondings[account];
    }

    /// @inheritdoc IProviderStaking
    function unbondingValue(address account, uint256 index) external view returns (uint256) {
        Unbonding storage entry = _unbondings[account][index];
        return _books[entry.provider].valueOf(entry);
    }

    /// @inheritdoc IProviderStaking
    function poolOf(address provider) external view returns (PoolView memory) {
        Pool storage p = _pools[provider];
        return
            PoolView({
                registered: p.registered,
                tier: p.tier,
                openCases: p.openCases,
                commissionBps: p.commissionBps,
                pendingCommissionBps: p.pendingCommissionBps,
                commissionEffectiveAt: p.commissionEffectiveAt,
                bondedTokens: p.bondedTokens,
                bondedShares: p.bondedShares,
                unbondingTokens: p.unbondingTokens,
                unbondingShares: p.unbondingShares,
                reputation: p.reputation
            });
    }

    /// @inheritdoc IProviderStaking
    function reputationOf(address provider) external view returns (uint256) {
        return _pools[provider].reputation;
    }

    /// @inheritdoc IProviderStaking
    function totals() external view returns (uint256, uint256, uint256, uint256) {
        return (_totalBonded, _totalUnbonding, _rewardsOwed, _queue.queued);
    }

    /// @inheritdoc IProviderStaking
    function insuranceFund() external view returns (address) {
        return _insuranceFund;
    }

    // ------------------------------------------------------------------------------------ hooks (QuiverParams)

    /// @dev Both extensions see the core's hook; only the tiers act on it (called directly: one jump less).
    function _onBondedChanged(address provider, Pool storage pool) internal override(StakingPools, StakingTiers) {
        _updateTier(provider, pool);
    }

    function _unbondingPeriod() internal view override returns (uint256) {
        return _REGISTRY.get(QuiverParams.STAKING_UNBONDING_PERIOD);
    }

    function _tierMinimum(uint8 tier) internal view override returns (uint256) {
        if (tier == 1) return _REGISTRY.get(QuiverParams.STAKING_TIER1_MIN);
        if (tier == 2) return _REGISTRY.get(QuiverParams.STAKING_TIER2_MIN);
        if (tier == 3) return _REGISTRY.get(QuiverParams.STAKING_TIER3_MIN);
        return _REGISTRY.get(QuiverParams.STAKING_TIER4_MIN);
    }

    function _tierDemotionBps() internal view override returns (uint256) {
        return _REGISTRY.get(QuiverParams.STAKING_TIER_DEMOTION_BPS);
    }

    function _maxSlashBps() internal view override returns (uint256) {
        return _REGISTRY.get(QuiverParams.STAKING_MAX_SLASH_BPS);
    }

    function _appealWindow() internal view override returns (uint256) {
        return _REGISTRY.get(QuiverParams.STAKING_APPEAL_WINDOW);
    }

    function _appealTimeout() internal view override returns (uint256) {
        return _REGISTRY.get(QuiverParams.STAKING_APPEAL_TIMEOUT);
    }

    // ------------------------------------------------------------------------------------ internals

    function _stakeInto(address provider, uint256 amount) private {
        Pool storage pool = _pools[provider];
        if (!pool.registered) revert StakingNotProvider(provider);
        uint256 minimum = _REGISTRY.get(QuiverParams.STAKING_MIN_DELEGATION);
        if (amount < minimum) revert StakingBelowMinimum(msg.sender, amount, minimum);
        if (pool.openCases != 0) revert StakingFrozenByDispute(provider, pool.openCases);
        uint256 shares = _deposit(msg.sender, provider, amount);
        emit Staked(msg.sender, provider, amount, shares);
        _TOKEN.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _checkCommission(address provider, uint256 commissionBps) private view {
        uint256 max = _REGISTRY.get(QuiverParams.STAKING_MAX_COMMISSION_BPS);
        if (commissionBps > max) revert StakingCommissionTooHigh(provider, commissionBps, max);
    }
}
