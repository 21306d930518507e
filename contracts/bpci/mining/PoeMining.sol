// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {FeedReader} from "../../oracles/FeedReader.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";
import {WAD} from "../../utils/Constants.sol";
import {BpciParams} from "../BpciParams.sol";
import {INexToken} from "../tokens/INexToken.sol";
import {IMinerStaking} from "./IMinerStaking.sol";
import {IPoeMining} from "./IPoeMining.sol";
import {PoeMath} from "./PoeMath.sol";

/// @title PoeMining
/// @notice BPCI proof-of-economic-activity mining (see IPoeMining).
/// @dev Design.
/// - Payment tokens: wFLX (FLX's static wrapper) and AUR, fixed at deployment. FLX itself is not escrowed: a rebase
///   changes every FLX balance, this contract's too, and the escrow would stop matching what it owes.
/// - Money: per token, `balanceOf(this) == pending + reserves + ownerOwed + treasuryOwed` (`obligations`); NEX:
///   `balanceOf(this) == nexUnclaimed`. Pushes go to the miner (value + spendable + vested reserve, one transfer),
///   the requester (refund); the owner and the treasury are pulled (`claimOwnerSalary`, `flushTreasury`).
/// - Locked reserve: ONE linear line per miner and token `{locked, start, end}`. Any touch first pays the vested part
///   (the line from `start` to `end` keeps its slope), then a deposit merges: the unvested rest plus the new amount
///   vest from now to the amount-weighted mean of the old end and now + `bpci.poe.reserveVesting` (rounded up).
///   O(1) per job; everything a miner locked is vested `reserveVesting` after its last deposit at the latest. A slash
///   takes from the unvested part only.
/// - Owner salary: `SALARY_PERIOD`-long periods from deployment; a period's salary stops at
///   `bpci.poe.salaryCeiling<Token>` and the rest of the owner leg goes to the treasury (`ownerSalaryReport`).
/// - Epochs of `EPOCH_LENGTH` from deployment. Work (fee x work weight, NEX-equivalent) and volume (value x weight)
///   are credited at confirmation. `closeEpoch` closes epochs in order (the EMA needs the previous one): feeds read
///   with FeedReader.tryRead (a feed that is not Ok counts 0: the gate closes, never opens, on bad data), Phi and its
///   EMA, issuance = min(base x Gamma(Phi), maxNexPerWork x work), then at most NEX's yearly and lifetime room; the
///   issuance is minted here in one mint and claimed pro rata to work per epoch (O(1), no loop over miners).
/// - Parameters are read when used: fee at submission (escrowed), split shares, vesting, ceiling and weights at
///   confirmation, Phi's at close.
contract PoeMining is IPoeMining, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice May slash locked reserves (the dispute system, next session).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Length of an issuance epoch (s).
    uint256 public immutable EPOCH_LENGTH;
    /// @notice Length of an owner-salary period (s).
    uint256 public immutable SALARY_PERIOD;
    /// @notice Deployment time: epoch 0 and salary period 0 start here.
    uint256 public immutable GENESIS;

    uint8 private constant _OPEN = 1;
    uint8 private constant _CONFIRMED = 2;
    uint8 private constant _REFUNDED = 3;

    IParameterRegistry private immutable _REGISTRY;
    IMinerStaking private immutable _STAKING;
    INexToken private immutable _NEX;
    IERC20 private immutable _WFLX;
    IERC20 private immutable _AUR;
    address private immutable _TREASURY;
    AggregatorV3Interface private immutable _LIQUIDITY_FEED;
    AggregatorV3Interface private immutable _UPTIME_FEED;
    AggregatorV3Interface private immutable _QUALITY_FEED;

    /// @dev One linear vesting line (see the design note).
    struct Reserve {
        uint128 locked;
        uint48 start;
        uint48 end;
    }

    /// @dev Per payment token: what is owed (their sum is the balance).
    struct Books {
        uint256 pending;
        uint256 reserves;
        uint256 ownerOwed;
        uint256 treasuryOwed;
    }

    /// @dev One period's owner-salary line per token (token index).
    struct SalaryBook {
        uint128 salary;
        uint128 toTreasury;
    }

    address private _owner;
    uint256 private _jobCount;
    uint256 private _nextToClose;
    uint256 private _phiEma;
    uint256 private _nexUnclaimed;
    uint256 private _nexWithheld;
    mapping(uint256 jobId => Job) private _jobs;
    mapping(address miner => mapping(uint256 token => Reserve)) private _reserves;
    mapping(uint256 token => Books) private _books;
    mapping(uint256 period => mapping(uint256 token => SalaryBook)) private _salary;
    mapping(uint256 epoch => Epoch) private _epochs;
    mapping(uint256 epoch => mapping(address miner => uint256)) private _work;

    /// @param admin DEFAULT_ADMIN_ROLE (the timelock at merge)
    /// @param registry the ParameterRegistry holding the `bpci.poe.*` keys
    /// @param staking MinerStaking (who is an active miner)
    /// @param nex NEX (this contract needs its MINTER_ROLE)
    /// @param wflx the FLX static wrapper (payment token 0)
    /// @param aur AUR (payment token 1)
    /// @param treasury receives the treasury legs
    /// @param owner_ receives the owner salary
    /// @param feeds liquidity, uptime and quality AggregatorV3 feeds
    /// @param epochLength seconds per issuance epoch
    /// @param salaryPeriod seconds per owner-salary period
    constructor(
        address admin,
        IParameterRegistry registry,
        IMinerStaking staking,
        INexToken nex,
        IERC20 wflx,
        IERC20 aur,
        address treasury,
        address owner_,
        AggregatorV3Interface[3] memory feeds,
        uint256 epochLength,
        uint256 salaryPeriod
    ) {
        if (
            admin == address(0) ||
            address(registry) == address(0) ||
            address(staking) == address(0) ||
            address(nex) == address(0) ||
            address(wflx) == address(0) ||
            address(aur) == address(0) ||
            treasury == address(0) ||
            owner_ == address(0) ||
            address(feeds[0]) == address(0) ||
            address(feeds[1]) == address(0) ||
            address(feeds[2]) == address(0) ||
            epochLength == 0 ||
            salaryPeriod == 0
        ) revert PoeZeroAddress();
        _REGISTRY = registry;
        _STAKING = staking;
        _NEX = nex;
        _WFLX = wflx;
        _AUR = aur;
        _TREASURY = treasury;
        _LIQUIDITY_FEED = feeds[0];
        _UPTIME_FEED = feeds[1];
        _QUALITY_FEED = feeds[2];
        EPOCH_LENGTH = epochLength;
        SALARY_PERIOD = salaryPeriod;
        GENESIS = block.timestamp;
        _owner = owner_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit OwnerChanged(address(0), owner_);
    }

    // ------------------------------------------------------------------------------------------- jobs

    /// @inheritdoc IPoeMining
    function submitJob(
        address miner,
        JobType jobType,
        address token,
        uint256 value
    ) external nonReentrant returns (uint256 jobId) {
        uint256 t = _tokenIndex(token);
        if (value == 0) revert PoeZeroValue(msg.sender);
        if (miner == msg.sender) revert PoeSelfJob(msg.sender);
        (bool active, uint256 stake_, uint256 minimum) = _STAKING.activeMiner(miner);
        if (!active) revert PoeMinerNotActive(miner, stake_, minimum);
        uint256 fee_ = PoeMath.fee(value, _REGISTRY.get(BpciParams.POE_FEE_BPS));
        uint256 deadline = block.timestamp + _REGISTRY.get(BpciParams.POE_JOB_TIMEOUT);
        jobId = ++_jobCount;
        _jobs[jobId] = Job({
            requester: msg.sender,
            deadline: deadline.toUint48(),
            jobType: uint8(jobType),
            token: uint8(t),
            status: _OPEN,
            miner: miner,
            value: value.toUint128(),
            fee: fee_.toUint128()
        });
        _books[t].pending += value + fee_;
        emit JobSubmitted(jobId, msg.sender, miner, jobType, token, value, fee_, deadline);
        IERC20(token).safeTransferFrom(msg.sender, address(this), value + fee_);
    }

    /// @inheritdoc IPoeMining
    function confirmJob(uint256 jobId) external nonReentrant {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, StateBitmap.encode(uint8(JobState.Pending)));
        address miner = j.miner;
        if (msg.sender != miner) revert PoeUnauthorized(msg.sender, miner);
        j.status = _CONFIRMED;
        uint256 t = j.token;
        uint256 value = j.value;
        uint256 fee_ = j.fee;
        _books[t].pending -= value + fee_;
        uint256 payout = value + _settle(jobId, miner, t, value, fee_);
        _token(t).safeTransfer(miner, payout);
    }

    /// @inheritdoc IPoeMining
    function refundJob(uint256 jobId) external nonReentrant {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, StateBitmap.encode(uint8(JobState.Expired)));
        j.status = _REFUNDED;
        uint256 amount = uint256(j.value) + j.fee;
        _books[j.token].pending -= amount;
        address requester = j.requester;
        emit JobRefunded(jobId, requester, amount);
        _token(j.token).safeTransfer(requester, amount);
    }

    // ---------------------------------------------------------------------------------------- reserves

    /// @inheritdoc IPoeMining
    function releaseReserve(address token) external nonReentrant returns (uint256 amount) {
        uint256 t = _tokenIndex(token);
        amount = _release(msg.sender, t);
        if (amount == 0) revert PoeNothingToClaim(msg.sender, type(uint256).max);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IPoeMining
    function slashReserve(address miner, address token, uint256 amount) external onlyRole(SLASHER_ROLE) nonReentrant {
        uint256 t = _tokenIndex(token);
        uint256 released = _release(miner, t);
        Reserve storage r = _reserves[miner][t];
        uint256 locked = r.locked;
        if (amount > locked) revert PoeSlashExceedsLocked(miner, token, amount, locked);
        // amount <= locked < 2^128.
        r.locked = uint128(locked - amount);
        Books storage b = _books[t];
        b.reserves -= amount;
        b.treasuryOwed += amount;
        emit ReserveSlashed(miner, token, amount, locked - amount);
        if (released != 0) IERC20(token).safeTransfer(miner, released);
    }

    // ------------------------------------------------------------------------------ owner and treasury

    /// @inheritdoc IPoeMining
    function claimOwnerSalary(address token) external nonReentrant returns (uint256 amount) {
        uint256 t = _tokenIndex(token);
        if (msg.sender != _owner) revert PoeUnauthorized(msg.sender, _owner);
        Books storage b = _books[t];
        amount = b.ownerOwed;
        if (amount == 0) revert PoeNothingToClaim(msg.sender, type(uint256).max);
        b.ownerOwed = 0;
        emit OwnerSalaryClaimed(token, msg.sender, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IPoeMining
    function flushTreasury(address token) external nonReentrant returns (uint256 amount) {
        uint256 t = _tokenIndex(token);
        Books storage b = _books[t];
        amount = b.treasuryOwed;
        if (amount == 0) revert PoeNothingToClaim(_TREASURY, type(uint256).max);
        b.treasuryOwed = 0;
        emit TreasuryFlushed(token, _TREASURY, amount);
        IERC20(token).safeTransfer(_TREASURY, amount);
    }

    /// @inheritdoc IPoeMining
    function setOwner(address owner_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (owner_ == address(0)) revert PoeZeroAddress();
        emit OwnerChanged(_owner, owner_);
        _owner = owner_;
    }

    // --------------------------------------------------------------------------------------- issuance

    /// @inheritdoc IPoeMining
    function closeEpoch() external nonReentrant returns (uint256 epoch) {
        epoch = _nextToClose;
        uint256 endsAt = GENESIS + (epoch + 1) * EPOCH_LENGTH;
        if (block.timestamp < endsAt) revert PoeEpochNotEnded(epoch, endsAt, block.timestamp);
        _nextToClose = epoch + 1;
        Epoch storage e = _epochs[epoch];
        (IFeedReader.Status[3] memory status, PoeMath.PhiInputs memory x) = _readFeeds(e.volume);
        uint256 raw = PoeMath.phi(x, _phiParams());
        uint256 smoothed = PoeMath.ema(_phiEma, raw, _REGISTRY.get(BpciParams.POE_EMA_ALPHA_BPS));
        _phiEma = smoothed;
        uint256 base = _REGISTRY.get(BpciParams.POE_BASE_ISSUANCE);
        (uint256 issued, ) = PoeMath.issuance(base, smoothed, e.work, _REGISTRY.get(BpciParams.POE_MAX_NEX_PER_WORK));
        issued = Math.min(issued, _nexRoom());
        uint256 withheld = base - issued;
        e.issued = issued.toUint128();
        e.withheld = withheld.toUint128();
        _nexUnclaimed += issued;
        _nexWithheld += withheld;
        emit EpochClosed(epoch, x.volume, e.work, status, raw, smoothed, PoeMath.gamma(smoothed), issued, withheld);
        if (issued != 0) _NEX.mint(address(this), issued);
    }

    /// @inheritdoc IPoeMining
    function claimIssuance(uint256 epoch) external nonReentrant returns (uint256 amount) {
        if (epoch >= _nextToClose) revert PoeEpochNotClosed(epoch, _nextToClose);
        uint256 work = _work[epoch][msg.sender];
        if (work == 0) revert PoeNothingToClaim(msg.sender, epoch);
        delete _work[epoch][msg.sender];
        Epoch storage e = _epochs[epoch];
        amount = PoeMath.share(e.issued, work, e.work);
        _nexUnclaimed -= amount;
        emit IssuanceClaimed(epoch, msg.sender, amount);
        if (amount != 0) IERC20(address(_NEX)).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------------------------------ views

    /// @inheritdoc IPoeMining
    function jobCount() external view returns (uint256) {
        return _jobCount;
    }

    /// @inheritdoc IPoeMining
    function getJob(uint256 jobId) external view returns (Job memory) {
        return _jobs[jobId];
    }

    /// @inheritdoc IPoeMining
    function state(uint256 jobId) external view returns (JobState) {
        return _state(_jobs[jobId]);
    }

    /// @inheritdoc IPoeMining
    function reserveOf(
        address miner,
        address token
    ) external view returns (uint256 locked, uint256 vested, uint256 end) {
        Reserve memory r = _reserves[miner][_tokenIndex(token)];
        vested = _vested(r.locked, r.start, r.end, block.timestamp);
        return (r.locked - vested, vested, r.end);
    }

    /// @inheritdoc IPoeMining
    function obligations(
        address token
    ) external view returns (uint256 pending, uint256 reserves, uint256 ownerOwed, uint256 treasuryOwed) {
        Books storage b = _books[_tokenIndex(token)];
        return (b.pending, b.reserves, b.ownerOwed, b.treasuryOwed);
    }

    /// @inheritdoc IPoeMining
    function nexTotals() external view returns (uint256 unclaimed, uint256 withheld) {
        return (_nexUnclaimed, _nexWithheld);
    }

    /// @inheritdoc IPoeMining
    function epochInfo(uint256 epoch) external view returns (Epoch memory) {
        return _epochs[epoch];
    }

    /// @inheritdoc IPoeMining
    function workOf(uint256 epoch, address miner) external view returns (uint256) {
        return _work[epoch][miner];
    }

    /// @inheritdoc IPoeMining
    function claimableIssuance(uint256 epoch, address miner) external view returns (uint256) {
        if (epoch >= _nextToClose) return 0;
        Epoch storage e = _epochs[epoch];
        uint256 work = _work[epoch][miner];
        return work == 0 ? 0 : PoeMath.share(e.issued, work, e.work);
    }

    /// @inheritdoc IPoeMining
    function epochStatus() external view returns (uint256 current, uint256 nextToClose, uint256 phiEma) {
        return (_epochAt(block.timestamp), _nextToClose, _phiEma);
    }

    /// @inheritdoc IPoeMining
    function ownerSalaryReport(uint256 period) external view returns (SalaryLine[2] memory lines) {
        for (uint256 t = 0; t < 2; ++t) {
            SalaryBook memory s = _salary[period][t];
            lines[t] = SalaryLine(address(_token(t)), s.salary, s.toTreasury, _ceiling(t));
        }
    }

    /// @notice The owner-salary recipient.
    function owner() external view returns (address) {
        return _owner;
    }

    // -------------------------------------------------------------------------------------- internals

    /// @dev The vested part of a line (virtual for the known-bad canary in contracts/mocks/bpci).
    function _vested(
        uint256 locked,
        uint256 start,
        uint256 end,
        uint256 nowTs
    ) internal view virtual returns (uint256) {
        return PoeMath.vested(locked, start, end, nowTs);
    }

    /// @dev Takes the vested part of `miner`'s line in token `t` out of the books (the caller pays it) and restarts
    /// the line's remainder from now on the same slope.
    function _release(address miner, uint256 t) private returns (uint256 amount) {
        Reserve storage r = _reserves[miner][t];
        uint256 locked = r.locked;
        amount = _vested(locked, r.start, r.end, block.timestamp);
        if (amount != 0) {
            // amount <= locked < 2^128.
            r.locked = uint128(locked - amount);
            _books[t].reserves -= amount;
            emit ReserveReleased(miner, address(_token(t)), amount);
        }
        r.start = uint48(block.timestamp);
    }

    /// @dev Releases the vested part (returned, for the caller to pay) and merges `amount` into the line.
    function _lock(address miner, uint256 t, uint256 amount) private returns (uint256 released) {
        released = _release(miner, t);
        if (amount == 0) return released;
        Reserve storage r = _reserves[miner][t];
        uint256 unvested = r.locked;
        uint256 end = PoeMath.mergedEnd(
            unvested,
            r.end,
            amount,
            block.timestamp,
            _REGISTRY.get(BpciParams.POE_RESERVE_VESTING)
        );
        uint256 lockedAfter = unvested + amount;
        r.locked = lockedAfter.toUint128();
        r.end = end.toUint48();
        _books[t].reserves += amount;
        emit ReserveLocked(miner, address(_token(t)), amount, lockedAfter, end);
    }

    /// @dev Splits a confirmed job's fee and books its legs and work; returns the miner's spendable leg plus the
    /// vested reserve released (the caller pays them with the value).
    function _settle(
        uint256 jobId,
        address miner,
        uint256 t,
        uint256 value,
        uint256 fee_
    ) private returns (uint256 toMiner) {
        (uint256 locked, uint256 spendable, uint256 ownerLeg, uint256 treasuryLeg) = PoeMath.feeLegs(
            fee_,
            _REGISTRY.get(BpciParams.POE_LOCK_SHARE_BPS),
            _REGISTRY.get(BpciParams.POE_SPEND_SHARE_BPS),
            _REGISTRY.get(BpciParams.POE_OWNER_SHARE_BPS)
        );
        toMiner = spendable + _lock(miner, t, locked);
        _books[t].treasuryOwed += treasuryLeg + _accrueSalary(t, ownerLeg);
        (uint256 epoch, uint256 work) = _credit(miner, t, value, fee_);
        emit JobConfirmed(jobId, miner, epoch, locked, spendable, ownerLeg, treasuryLeg, work);
    }

    /// @dev Credits a confirmed job's work (fee x weight) to `miner` and its volume (value x weight) to the epoch.
    function _credit(
        address miner,
        uint256 t,
        uint256 value,
        uint256 fee_
    ) private returns (uint256 epoch, uint256 work) {
        uint256 weight = _REGISTRY.get(t == 0 ? BpciParams.POE_WORK_WEIGHT_FLX : BpciParams.POE_WORK_WEIGHT_AUR);
        work = Math.mulDiv(fee_, weight, WAD);
        epoch = _epochAt(block.timestamp);
        Epoch storage e = _epochs[epoch];
        e.work += work.toUint128();
        e.volume += Math.mulDiv(value, weight, WAD).toUint128();
        _work[epoch][miner] += work;
    }

    /// @dev Books an owner leg in the current salary period; returns what the ceiling sends to the treasury.
    function _accrueSalary(uint256 t, uint256 leg) private returns (uint256 toTreasury) {
        if (leg == 0) return 0;
        uint256 period = (block.timestamp - GENESIS) / SALARY_PERIOD;
        SalaryBook storage s = _salary[period][t];
        uint256 toOwner;
        (toOwner, toTreasury) = PoeMath.salary(s.salary, leg, _ceiling(t));
        s.salary += toOwner.toUint128();
        s.toTreasury += toTreasury.toUint128();
        _books[t].ownerOwed += toOwner;
        emit OwnerSalaryAccrued(period, address(_token(t)), toOwner, toTreasury);
    }

    function _readFeeds(
        uint256 volume
    ) private view returns (IFeedReader.Status[3] memory status, PoeMath.PhiInputs memory x) {
        uint256 heartbeat = _REGISTRY.get(BpciParams.POE_FEED_HEARTBEAT);
        x.volume = volume;
        (status[0], x.liquidity, ) = FeedReader.tryRead(_LIQUIDITY_FEED, heartbeat, 0, type(uint256).max, 18);
        (status[1], x.uptime, ) = FeedReader.tryRead(_UPTIME_FEED, heartbeat, 0, WAD + 1, 18);
        (status[2], x.quality, ) = FeedReader.tryRead(_QUALITY_FEED, heartbeat, 0, WAD + 1, 18);
    }

    function _phiParams() private view returns (PoeMath.PhiParams memory) {
        return
            PoeMath.PhiParams({
                wV: _REGISTRY.get(BpciParams.POE_WEIGHT_VOLUME),
                wL: _REGISTRY.get(BpciParams.POE_WEIGHT_LIQUIDITY),
                wU: _REGISTRY.get(BpciParams.POE_WEIGHT_UPTIME),
                wQ: _REGISTRY.get(BpciParams.POE_WEIGHT_QUALITY),
                scaleV: _REGISTRY.get(BpciParams.POE_SCALE_VOLUME),
                scaleL: _REGISTRY.get(BpciParams.POE_SCALE_LIQUIDITY)
            });
    }

    /// @dev NEX's room now: the yearly room, and the lifetime cap's.
    function _nexRoom() private view returns (uint256) {
        (, , , uint256 remaining) = _NEX.yearlyAllowance();
        uint256 cap = _NEX.cap();
        uint256 minted = _NEX.totalMinted();
        return Math.min(remaining, cap > minted ? cap - minted : 0);
    }

    function _ceiling(uint256 t) private view returns (uint256) {
        return _REGISTRY.get(t == 0 ? BpciParams.POE_SALARY_CEILING_FLX : BpciParams.POE_SALARY_CEILING_AUR);
    }

    function _epochAt(uint256 ts) private view returns (uint256) {
        return (ts - GENESIS) / EPOCH_LENGTH;
    }

    function _token(uint256 t) private view returns (IERC20) {
        return t == 0 ? _WFLX : _AUR;
    }

    function _tokenIndex(address token) private view returns (uint256) {
        if (token == address(_WFLX)) return 0;
        if (token == address(_AUR)) return 1;
        revert PoeUnknownToken(token);
    }

    function _state(Job storage j) private view returns (JobState) {
        uint8 s = j.status;
        if (s == 0) return JobState.None;
        if (s == _CONFIRMED) return JobState.Confirmed;
        if (s == _REFUNDED) return JobState.Refunded;
        return block.timestamp > j.deadline ? JobState.Expired : JobState.Pending;
    }

    /// @dev The kit's one state check (contracts/utils/StateBitmap.sol).
    function _validateStateBitmap(uint256 jobId, Job storage j, bytes32 allowed) private view {
        JobState current = _state(j);
        if (!StateBitmap.contains(allowed, uint8(current))) revert PoeUnexpectedState(jobId, current, allowed);
    }
}
