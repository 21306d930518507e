// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStakingPools} from "./IStakingPools.sol";
import {IBurnableERC20} from "../tokens/IBurnableERC20.sol";
import {SharesMath} from "./libraries/SharesMath.sol";
import {UnbondingSegments} from "./libraries/UnbondingSegments.sol";
import {RewardDrip} from "./libraries/RewardDrip.sol";
import {BPS} from "../utils/Constants.sol";

/// @title StakingPools
/// @notice Token- and economy-agnostic storage and accounting core of a staking contract (QUIVer's
/// ProviderStaking, later a BPCI bank stake or a CAESAR agent stake): share pools over one burnable ERC-20,
/// unbonding segments, the two-level reward accumulator with a drip for queued rewards and staked-vote
/// checkpoints. No external entry points besides the ERC-5805 views of `Votes`; it names no parameter key
/// and no token. The economy's contract supplies the unbonding period (`_unbondingPeriod`), calls EIP712's
/// constructor with its own name, and adds the extensions it needs (extensions/StakingTiers,
/// extensions/StakingSlashCases).
/// @dev Design.
/// - Bonded pool: each provider has a bonded (tokens, shares) pair converted by `SharesMath` (virtual
///   shares). A slash lowers `tokens` only, so every position loses the same fraction in O(1). A pool whose
///   tokens reach zero retires its shares (SEC-16): `epoch` increments, `bondedShares` restarts at 0, and a
///   position of an older epoch is worth 0 and settles its rewards at the accumulator value stored for its
///   epoch (`_retiredAcc`), so rewards earned before the wipe-out stay claimable.
/// - Unbonding segments (SEC-06, SEC-03): each provider's unbonding stake is held in segments, share pools
///   that each cover a contiguous range of entry "positions". An entry's position is the provider's
///   cumulative count of unbonding shares minted before it; the checkpoint trace of `_books[provider]` (UnbondingSegments)
///   maps a timestamp to that cumulative count, so `upperLookup(T - 1)` is the position boundary between
///   entries created before T and those created at or after T, exact to the second. New entries are minted
///   into the open (last) segment. A slash case for an offence at T splits the segment containing that
///   boundary, so every segment lies entirely before or at/after it; the child's shares are the trace
///   difference over its range (exact: shares keep their units within a segment, and no entry of the
///   child's range has been withdrawn, see `_withdrawnEnd`). The case covers the segments from the boundary
///   to the open one: they form its snapshot (with the bonded pool), only they are slashed, and only they
///   are frozen (a per-segment open-case counter). An entry finds its current segment by walking the split
///   links from the segment it was minted into. After a slash touched the open segment, the next entries
///   go into a fresh segment (rollover), so no segment's price ever drops for entries minted later.
///   Loops: over segments only, never over users or entries. The segments a case or an entry walks were
///   all created by splits (one per case opened) or rollovers (one per slash finalized) since the case's
///   offence or the entry's creation, so each loop is bounded by the number of slash cases of that
///   provider in that interval.
/// - Rewards, level 1: `_accRewardPerToken += distributed * 1e36 / _totalBonded` (floor). A pool earns
///   `bondedTokens * (acc - pool.globalAccSnapshot) / 1e36` (floor), accrued before any change of its tokens.
///   Rewards that arrive while nothing is bonded are queued and then released linearly over
///   `REWARD_DRIP_PERIOD` of bonded time (SEC-07), so a stake made just before a release captures only its
///   time-weighted share; the drip pauses while nothing is bonded.
/// - Rewards, level 2: the provider takes `commissionBps` of the pool's reward (floor); the rest goes to
///   `pool.accRewardPerShare += rest * 1e36 / bondedShares` (floor); a position earns
///   `shares * (accRewardPerShare - rewardDebt) / 1e36` (floor). Commission on the whole pool equals
///   commission on the delegators' part only, since the provider also owns its own shares' rest.
///   Precision 1e36: with at most 1e27 wei bonded, one wei of reward moves the accumulator by >= 1e9.
///   Every step rounds down, so the sum of claims never exceeds the sum distributed; the dust stays in
///   `_rewardsOwed` (an upper bound of what claims can still pay).
/// - Votes: a position's voting units are the token value of its shares at its last touch (OZ `Votes`,
///   timestamp clock, self-delegated by default).
abstract contract StakingPools is Votes, IStakingPools {
    using UnbondingSegments for UnbondingSegments.Book;
    using RewardDrip for RewardDrip.Queue;

    /// @dev Fixed-point scale of both reward accumulators (1e36, see the design note).
    uint256 internal constant _ACC_SCALE = 1e36;

    /// @dev Largest number of pending unbondings per account (bounds storage and griefing; X-DOS-06).
    uint256 public constant MAX_UNBONDINGS = 16;
    /// @dev Bonded time over which rewards queued while nothing was bonded are released (SEC-07; one epoch).
    uint256 public constant REWARD_DRIP_PERIOD = RewardDrip.PERIOD;

    struct Pool {
        uint256 bondedTokens;
        uint256 bondedShares;
        uint256 unbondingTokens;
        uint256 unbondingShares;
        uint256 accRewardPerShare;
        uint256 globalAccSnapshot;
        uint256 reputation;
        bool registered;
        uint8 tier; // written only by the tiers extension (kept here: it packs into the same slot)
        uint32 openCases;
        uint16 commissionBps;
        uint16 pendingCommissionBps;
        uint48 commissionEffectiveAt;
        uint32 epoch;
    }

    struct Position {
        uint256 shares;
        uint256 rewardDebt;
        uint224 votes;
        uint32 epoch;
    }

    /// @dev The staked token (also the reward token; slashed stake is burned or paid out in it).
    IBurnableERC20 internal immutable _TOKEN;

    mapping(address provider => Pool) internal _pools;
    mapping(address provider => mapping(address account => Position)) internal _positions;
    mapping(address account => Unbonding[]) internal _unbondings;
    mapping(address account => uint256) internal _claimable;
    mapping(address account => uint256) private _votingUnits;
    mapping(address provider => UnbondingSegments.Book) internal _books;
    mapping(address provider => mapping(uint256 epoch => uint256)) internal _retiredAcc;

    uint256 internal _accRewardPerToken;
    uint256 internal _totalBonded;
    uint256 internal _totalUnbonding;
    uint256 internal _rewardsOwed;
    RewardDrip.Queue internal _queue;

    /// @param token_ the staked (and reward) token
    constructor(IBurnableERC20 token_) {
        if (address(token_) == address(0)) revert StakingZeroAddress();
        _TOKEN = token_;
    }

    // ------------------------------------------------------------------------------------ hooks

    /// @dev Seconds between the start of an unbonding and its earliest withdrawal (the economy's parameter).
    function _unbondingPeriod() internal view virtual returns (uint256);

    /// @dev Called after a pool's bonded tokens changed (deposit, unbonding, slash); the tiers extension
    /// recomputes the provider's tier here. Default: nothing.
    // solhint-disable-next-line no-empty-blocks
    function _onBondedChanged(address provider, Pool storage pool) internal virtual {}

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
        _drip();
        _accruePool(provider, pool);
        _settle(account, provider, pool, pos);
        shares = SharesMath.toSharesDown(amount, pool.bondedTokens, pool.bondedShares);
        pool.bondedTokens += amount;
        pool.bondedShares += shares;
        pos.shares += shares;
        _totalBonded += amount;
        _onBondedChanged(provider, pool);
        _syncVotes(account, pool, pos);
    }

    /// @dev Moves `amount` of `account`'s bonded stake into the open unbonding segment and records an entry.
    function _startUnbonding(address account, address provider, uint256 amount) internal returns (uint256 unlockAt) {
        Pool storage pool = _pools[provider];
        Position storage pos = _positions[provider][account];
        _drip();
        _accruePool(provider, pool);
        _settle(account, provider, pool, pos);
        uint256 available = SharesMath.toTokensDown(pos.shares, pool.bondedTokens, pool.bondedShares);
        if (amount > available) revert StakingInsufficientStake(account, provider, amount, available);
        // amount <= value(pos.shares) implies sharesUp(amount) <= pos.shares (SharesMath round trip).
        uint256 burned = SharesMath.toSharesUp(amount, pool.bondedTokens, pool.bondedShares);
        pool.bondedTokens -= amount;
        pool.bondedShares -= burned;
        pos.shares -= burned;
        _totalBonded -= amount;
        unlockAt = block.timestamp + _unbondingPeriod();
        uint256 minted = _books[provider].mint(_unbondings[account], provider, amount, pool.openCases, unlockAt);
        pool.unbondingTokens += amount;
        pool.unbondingShares += minted;
        _totalUnbonding += amount;
        _onBondedChanged(provider, pool);
        _syncVotes(account, pool, pos);
    }

    /// @dev Removes `account`'s unbonding at `index` (swap and pop) and returns its token value. Reverts
    /// `StakingFrozenByDispute` if an open case covers the entry's segment.
    function _takeUnbonding(address account, uint256 index) internal returns (address provider, uint256 tokens) {
        Unbonding[] storage list = _unbondings[account];
        provider = list[index].provider;
        Pool storage pool = _pools[provider];
        uint256 shares;
        (tokens, shares) = _books[provider].take(list, index);
        pool.unbondingTokens -= tokens;
        pool.unbondingShares -= shares;
        _totalUnbonding -= tokens;
    }

    /// @dev Takes `amount` from `provider`'s bonded pool and the unbonding segments from `first` on, in
    /// proportion (bonded part rounded up, so the rest never exceeds `unbonding`, the tokens of those
    /// segments). Caller has capped `amount` at bonded + `unbonding`. Retires the bonded shares if the bonded
    /// tokens reach zero (SEC-16).
    function _slashPools(address provider, uint32 first, uint256 amount, uint256 unbonding) internal {
        Pool storage pool = _pools[provider];
        _drip();
        _accruePool(provider, pool);
        if (amount == 0) return;
        uint256 bonded = pool.bondedTokens;
        uint256 fromBonded = Math.mulDiv(amount, bonded, bonded + unbonding, Math.Rounding.Ceil);
        uint256 rest = amount - fromBonded;
        pool.bondedTokens = bonded - fromBonded;
        _totalBonded -= fromBonded;
        if (rest != 0) {
            pool.unbondingTokens -= rest;
            _totalUnbonding -= rest;
            _books[provider].slash(provider, first, rest, unbonding);
        }
        if (pool.bondedTokens == 0 && pool.bondedShares != 0) {
            uint32 epoch = pool.epoch;
            _retiredAcc[provider][epoch] = pool.accRewardPerShare;
            pool.epoch = epoch + 1;
            pool.bondedShares = 0;
            emit PoolSharesRetired(provider, epoch);
        }
        _onBondedChanged(provider, pool);
    }

    /// @dev Releases the queued rewards due now into the accumulator (see RewardDrip); returns the wei released.
    function _drip() internal returns (uint256 released) {
        uint256 bonded = _totalBonded;
        released = _queue.release(bonded);
        if (released == 0) return 0;
        _accRewardPerToken += Math.mulDiv(released, _ACC_SCALE, bonded, Math.Rounding.Floor);
        _rewardsOwed += released;
    }

    /// @dev The reward accumulator as `_drip` would leave it now (for views).
    function _previewAcc() internal view returns (uint256 acc) {
        acc = _accRewardPerToken;
        uint256 bonded = _totalBonded;
        if (_queue.queued == 0 || bonded == 0) return acc;
        acc += Math.mulDiv(_queue.preview(bonded), _ACC_SCALE, bonded, Math.Rounding.Floor);
    }

    /// @dev Adds `amount` (plus the drip due now) to the reward accumulator, or queues it while nothing is
    /// bonded (restarting the drip period for the whole queue).
    function _addRewards(uint256 amount) internal returns (uint256 distributed, bool queued) {
        uint256 released = _drip();
        uint256 bonded = _totalBonded;
        if (bonded == 0) return (_queue.add(amount), true);
        distributed = amount + released;
        _accRewardPerToken += Math.mulDiv(amount, _ACC_SCALE, bonded, Math.Rounding.Floor);
        _rewardsOwed += amount;
    }

    /// @dev Settles `account`'s position in `provider`'s pool and returns everything claimable (zeroed).
    function _collect(address account, address provider) internal returns (uint256 amount) {
        Pool storage pool = _pools[provider];
        _drip();
        _accruePool(provider, pool);
        _settle(account, provider, pool, _positions[provider][account]);
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
        uint256 commission = Math.mulDiv(reward, pool.commissionBps, BPS, Math.Rounding.Floor);
        if (commission != 0) _claimable[provider] += commission;
        pool.accRewardPerShare += Math.mulDiv(reward - commission, _ACC_SCALE, pool.bondedShares, Math.Rounding.Floor);
    }

    /// @dev Credits a position's rewards since its last touch to `_claimable`; first retires a position of an
    /// older pool epoch (SEC-16).
    function _settle(address account, address provider, Pool storage pool, Position storage pos) internal {
        _retireStale(account, provider, pool, pos);
        uint256 acc = pool.accRewardPerShare;
        uint256 owed = Math.mulDiv(pos.shares, acc - pos.rewardDebt, _ACC_SCALE, Math.Rounding.Floor);
        pos.rewardDebt = acc;
        if (owed != 0) _claimable[account] += owed;
    }

    /// @dev A position of a retired epoch: credit its rewards up to the wipe-out, then empty it.
    function _retireStale(address account, address provider, Pool storage pool, Position storage pos) internal {
        uint32 epoch = pool.epoch;
        if (pos.epoch == epoch) return;
        uint256 shares = pos.shares;
        if (shares != 0) {
            uint256 acc = _retiredAcc[provider][pos.epoch];
            uint256 owed = Math.mulDiv(shares, acc - pos.rewardDebt, _ACC_SCALE, Math.Rounding.Floor);
            if (owed != 0) _claimable[account] += owed;
            pos.shares = 0;
        }
        pos.rewardDebt = pool.accRewardPerShare;
        pos.epoch = epoch;
    }

    /// @dev Re-values a position's voting units at the pool's current rate.
    function _syncVotes(address account, Pool storage pool, Position storage pos) internal {
        uint256 value = SharesMath.toTokensDown(_liveShares(pool, pos), pool.bondedTokens, pool.bondedShares);
        uint256 old = pos.votes;
        if (value == old) return;
        pos.votes = SafeCast.toUint224(value);
        if (value > old) {
            _votingUnits[account] += value - old;
            _transferVotingUnits(address(0), account, value - old);
        } else {
            _votingUnits[account] -= old - value;
            _transferVotingUnits(account, address(0), old - value);
        }
    }

    /// @dev Shares of a position that still count (0 for a position of a retired epoch).
    function _liveShares(Pool storage pool, Position storage pos) internal view returns (uint256) {
        return pos.epoch == pool.epoch ? pos.shares : 0;
    }

    /// @dev Tokens of `account`'s live position in `provider`'s pool, rounded down (what it can unbond now).
    function _positionTokens(address provider, address account) internal view returns (uint256) {
        Pool storage pool = _pools[provider];
        return
            SharesMath.toTokensDown(
                _liveShares(pool, _positions[provider][account]),
                pool.bondedTokens,
                pool.bondedShares
            );
    }

    /// @dev Voting units of `account`: the sum of its positions' last-touch values.
    function _getVotingUnits(address account) internal view override returns (uint256) {
        return _votingUnits[account];
    }
}
