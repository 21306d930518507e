// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IProviderStaking} from "../interfaces/IProviderStaking.sol";
import {IParameterRegistry} from "../interfaces/IParameterRegistry.sol";
import {ParamKeys} from "../libraries/ParamKeys.sol";
import {SharesMath} from "../libraries/SharesMath.sol";
import {TierMath} from "../libraries/TierMath.sol";
import {FeeSplit} from "../libraries/FeeSplit.sol";

/// @title StakingPools
/// @notice Storage and accounting core of ProviderStaking: share pools, the two-level reward accumulator,
/// tiers and staked-vote checkpoints. No external entry points besides the ERC-5805 views of `Votes`.
/// @dev Design.
/// - Pools: each provider has a bonded pool (self stake + delegations) and an unbonding pool, each a
///   (tokens, shares) pair converted by `SharesMath` (virtual shares). A slash lowers `tokens` only, so every
///   position and every unbonding entry of the pool loses the same fraction in O(1).
/// - Rewards, level 1: `_accRewardPerToken += distributed * 1e36 / _totalBonded` (floor). A pool earns
///   `bondedTokens * (acc - pool.globalAccSnapshot) / 1e36` (floor), accrued before any change of its tokens.
/// - Rewards, level 2: the provider takes `commissionBps` of the pool's reward (floor); the rest goes to
///   `pool.accRewardPerShare += rest * 1e36 / bondedShares` (floor); a position earns
///   `shares * (accRewardPerShare - rewardDebt) / 1e36` (floor). Commission on the whole pool equals
///   commission on the delegators' part only, since the provider also owns its own shares' rest.
///   Precision 1e36: with at most 1e27 wei bonded, one wei of reward moves the accumulator by >= 1e9.
///   Every step rounds down, so the sum of claims never exceeds the sum distributed; the dust stays in
///   `_rewardsOwed` (an upper bound of what claims can still pay).
/// - Votes: a position's voting units are the token value of its shares at its last touch (OZ `Votes`,
///   timestamp clock, self-delegated by default).
abstract contract StakingPools is Votes, IProviderStaking {
    /// @dev Fixed-point scale of both reward accumulators (1e36, see the design note).
    uint256 internal constant _ACC_SCALE = 1e36;
    /// @dev 100% in basis points.
    uint256 internal constant _BPS = FeeSplit.BPS; // 100%, the kit-wide basis-point unit
    /// @dev Largest number of pending unbondings per account (bounds storage and griefing; X-DOS-06).
    uint256 public constant MAX_UNBONDINGS = 16;

    struct Pool {
        uint256 bondedTokens;
        uint256 bondedShares;
        uint256 unbondingTokens;
        uint256 unbondingShares;
        uint256 accRewardPerShare;
        uint256 globalAccSnapshot;
        uint256 reputation;
        bool registered;
        uint8 tier;
        uint32 openCases;
        uint16 commissionBps;
        uint16 pendingCommissionBps;
        uint48 commissionEffectiveAt;
    }

    struct Position {
        uint256 shares;
        uint256 rewardDebt;
        uint256 votes;
    }

    IParameterRegistry internal immutable _REGISTRY;

    mapping(address provider => Pool) internal _pools;
    mapping(address provider => mapping(address account => Position)) internal _positions;
    mapping(address account => Unbonding[]) internal _unbondings;
    mapping(address account => uint256) internal _claimable;
    mapping(address account => uint256) private _votingUnits;

    uint256 internal _accRewardPerToken;
    uint256 internal _totalBonded;
    uint256 internal _totalUnbonding;
    uint256 internal _rewardsOwed;
    uint256 internal _queuedRewards;

    constructor(IParameterRegistry registry_) {
        if (address(registry_) == address(0)) revert StakingZeroAddress();
        _REGISTRY = registry_;
    }

    /// @notice ERC-6372 clock: the block timestamp (the Governor counts in seconds).
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Staked votes are self-delegated until the account delegates (delegating to 0 means self).
    function delegates(address account) public view override returns (address) {
        address chosen = super.delegates(account);
        return chosen == address(0) ? account : chosen;
    }

    /// @dev Delegating to address(0) means delegating to self, so `delegates` and the checkpoints agree.
    function _delegate(address account, address delegatee) internal override {
        super._delegate(account, delegatee == address(0) ? account : delegatee);
    }

    // ----------------------------------------------------------------------------------- accounting core

    /// @dev Adds `amount` to `provider`'s bonded pool for `account`. Caller has checked the inputs.
    function _deposit(address account, address provider, uint256 amount) internal returns (uint256 shares) {
        Pool storage pool = _pools[provider];
        Position storage pos = _positions[provider][account];
        _accruePool(provider, pool);
        _settle(account, pool, pos);
        shares = SharesMath.toSharesDown(amount, pool.bondedTokens, pool.bondedShares);
        pool.bondedTokens += amount;
        pool.bondedShares += shares;
        pos.shares += shares;
        _totalBonded += amount;
        _updateTier(provider, pool);
        _syncVotes(account, pool, pos);
    }

    /// @dev Moves `amount` of `account`'s bonded stake into the unbonding pool and records an entry.
    function _startUnbonding(address account, address provider, uint256 amount) internal returns (uint256 unlockAt) {
        Pool storage pool = _pools[provider];
        Position storage pos = _positions[provider][account];
        uint256 available = SharesMath.toTokensDown(pos.shares, pool.bondedTokens, pool.bondedShares);
        if (amount > available) revert StakingInsufficientStake(account, provider, amount, available);
        _accruePool(provider, pool);
        _settle(account, pool, pos);
        // amount <= value(pos.shares) implies sharesUp(amount) <= pos.shares (SharesMath round trip).
        uint256 burned = SharesMath.toSharesUp(amount, pool.bondedTokens, pool.bondedShares);
        pool.bondedTokens -= amount;
        pool.bondedShares -= burned;
        pos.shares -= burned;
        _totalBonded -= amount;
        uint256 minted = SharesMath.toSharesDown(amount, pool.unbondingTokens, pool.unbondingShares);
        pool.unbondingTokens += amount;
        pool.unbondingShares += minted;
        _totalUnbonding += amount;
        unlockAt = block.timestamp + _REGISTRY.get(ParamKeys.STAKING_UNBONDING_PERIOD);
        _unbondings[account].push(Unbonding({provider: provider, unlockAt: uint48(unlockAt), shares: minted}));
        _updateTier(provider, pool);
        _syncVotes(account, pool, pos);
    }

    /// @dev Removes `account`'s unbonding at `index` (swap and pop) and returns its token value.
    function _takeUnbonding(address account, uint256 index) internal returns (address provider, uint256 tokens) {
        Unbonding[] storage list = _unbondings[account];
        Unbonding memory entry = list[index];
        provider = entry.provider;
        Pool storage pool = _pools[provider];
        tokens = SharesMath.toTokensDown(entry.shares, pool.unbondingTokens, pool.unbondingShares);
        pool.unbondingTokens -= tokens;
        pool.unbondingShares -= entry.shares;
        _totalUnbonding -= tokens;
        list[index] = list[list.length - 1];
        list.pop();
    }

    /// @dev Takes `amount` from `provider`'s bonded and unbonding pools in proportion (bonded part rounded up,
    /// so the remainder never exceeds the unbonding pool). Caller has capped `amount` at their sum.
    function _slashPools(address provider, uint256 amount) internal {
        Pool storage pool = _pools[provider];
        _accruePool(provider, pool);
        if (amount == 0) return;
        uint256 bonded = pool.bondedTokens;
        uint256 fromBonded = Math.mulDiv(amount, bonded, bonded + pool.unbondingTokens, Math.Rounding.Ceil);
        uint256 fromUnbonding = amount - fromBonded;
        pool.bondedTokens = bonded - fromBonded;
        pool.unbondingTokens -= fromUnbonding;
        _totalBonded -= fromBonded;
        _totalUnbonding -= fromUnbonding;
        _updateTier(provider, pool);
    }

    /// @dev Adds `amount` to the reward accumulator, or queues it while nothing is bonded.
    function _addRewards(uint256 amount) internal returns (uint256 distributed, bool queued) {
        uint256 bonded = _totalBonded;
        if (bonded == 0) {
            _queuedRewards += amount;
            return (_queuedRewards, true);
        }
        distributed = amount + _queuedRewards;
        _queuedRewards = 0;
        _accRewardPerToken += Math.mulDiv(distributed, _ACC_SCALE, bonded, Math.Rounding.Floor);
        _rewardsOwed += distributed;
    }

    /// @dev Settles `account`'s position in `provider`'s pool and returns everything claimable (zeroed).
    function _collect(address account, address provider) internal returns (uint256 amount) {
        Pool storage pool = _pools[provider];
        _accruePool(provider, pool);
        _settle(account, pool, _positions[provider][account]);
        amount = _claimable[account];
        _claimable[account] = 0;
        _rewardsOwed -= amount;
    }

    /// @dev Brings a pool's reward-per-share up to the global accumulator. See the design note.
    function _accruePool(address provider, Pool storage pool) internal {
        uint256 acc = _accRewardPerToken;
        uint256 delta = acc - pool.globalAccSnapshot;
        if (delta == 0) return;
        pool.globalAccSnapshot = acc;
        uint256 reward = Math.mulDiv(pool.bondedTokens, delta, _ACC_SCALE, Math.Rounding.Floor);
        // A pool can keep rounding dust (< 1 wei of value per exit) with no shares left; its reward then
        // stays unallocated in `_rewardsOwed` (never paid, accounted as dust).
        if (reward == 0 || pool.bondedShares == 0) return;
        uint256 commission = Math.mulDiv(reward, pool.commissionBps, _BPS, Math.Rounding.Floor);
        if (commission != 0) _claimable[provider] += commission;
        pool.accRewardPerShare += Math.mulDiv(reward - commission, _ACC_SCALE, pool.bondedShares, Math.Rounding.Floor);
    }

    /// @dev Credits a position's rewards since its last touch to `_claimable`.
    function _settle(address account, Pool storage pool, Position storage pos) internal {
        uint256 acc = pool.accRewardPerShare;
        uint256 owed = Math.mulDiv(pos.shares, acc - pos.rewardDebt, _ACC_SCALE, Math.Rounding.Floor);
        pos.rewardDebt = acc;
        if (owed != 0) _claimable[account] += owed;
    }

    /// @dev Re-values a position's voting units at the pool's current rate.
    function _syncVotes(address account, Pool storage pool, Position storage pos) internal {
        uint256 value = SharesMath.toTokensDown(pos.shares, pool.bondedTokens, pool.bondedShares);
        uint256 old = pos.votes;
        if (value == old) return;
        pos.votes = value;
        if (value > old) {
            _votingUnits[account] += value - old;
            _transferVotingUnits(address(0), account, value - old);
        } else {
            _votingUnits[account] -= old - value;
            _transferVotingUnits(account, address(0), old - value);
        }
    }

    /// @dev Stores the provider's tier after its bonded stake changed (hysteresis, see TierMath).
    function _updateTier(address provider, Pool storage pool) internal {
        uint8 old = pool.tier;
        uint8 tier = _tierFor(pool.bondedTokens, old);
        if (tier != old) {
            pool.tier = tier;
            emit TierChanged(provider, old, tier);
        }
    }

    /// @dev The tier for `stake` given the previous tier, with the registry's current minimums.
    function _tierFor(uint256 stake, uint8 current) internal view returns (uint8) {
        uint256[4] memory mins = [
            _REGISTRY.get(ParamKeys.STAKING_TIER1_MIN),
            _REGISTRY.get(ParamKeys.STAKING_TIER2_MIN),
            _REGISTRY.get(ParamKeys.STAKING_TIER3_MIN),
            _REGISTRY.get(ParamKeys.STAKING_TIER4_MIN)
        ];
        return TierMath.tierAfter(stake, current, mins, _REGISTRY.get(ParamKeys.STAKING_TIER_DEMOTION_BPS));
    }

    /// @dev Voting units of `account`: the sum of its positions' last-touch values.
    function _getVotingUnits(address account) internal view override returns (uint256) {
        return _votingUnits[account];
    }
}
