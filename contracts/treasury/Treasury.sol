// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITreasury} from "./ITreasury.sol";
import {GrantVesting} from "./GrantVesting.sol";
import {StateBitmap} from "../utils/StateBitmap.sol";

/// @title Treasury
/// @notice Timelock-owned treasury with a budgeted council and grant streams.
/// @dev Design: per token, `reserved` is the sum over live grants of (amount - claimed), where a revoked grant's
/// amount is its vested part at revocation. Every outflow is either a grant claim (which lowers `reserved` by
/// exactly what it pays) or a spend bounded by `balance - reserved`, so `balance >= reserved` always holds
/// (TRE-04: outstanding grant obligations never exceed the balance). A claim reads and writes only its own grant
/// and the token's reserve: O(1) in the number of grants.
/// Council budget (SEC-14), a rolling window in a fixed ring: time is cut into buckets of
/// `s = ceil(budgetPeriod / 7)` seconds, bucket index `floor(t / s)`; the ring keeps the council's spending of the
/// last 8 buckets per token (8 uint128, 4 slots). A spend at time t is allowed if the spending recorded in buckets
/// `floor(t/s) - 7 .. floor(t/s)` plus the amount is at most the budget. Those 8 buckets cover at least the last
/// `budgetPeriod` seconds (7 s >= budgetPeriod), so the council never spends more than one budget within any window
/// of `budgetPeriod` seconds; a spend is forgotten between `budgetPeriod` and `budgetPeriod + s` seconds after it
/// (at the end of its 8th bucket). Gas is bounded: at most 8 buckets are read or cleared. A period change
/// re-dates what the last window held to the moment of the change (nothing is forgotten early).
contract Treasury is AccessControl, ReentrancyGuardTransient, ITreasury {
    using SafeERC20 for IERC20;

    /// @inheritdoc ITreasury
    bytes32 public constant COUNCIL_ROLE = keccak256("COUNCIL_ROLE");
    /// @inheritdoc ITreasury
    uint256 public constant MAX_BUDGET_PERIOD = 365 days;

    /// @dev Number of ring buckets; the window is the current bucket and the 7 before it.
    uint256 private constant _BUCKETS = 8;

    /// @dev Rolling council spending of one token: `spent[b % 8]` is what was spent in bucket b, for the buckets
    /// `last - 7 .. last` (older entries are cleared before reuse); `bucketLength` is the bucket length they were
    /// recorded with.
    struct CouncilWindow {
        uint64 last;
        uint64 bucketLength;
        uint128[_BUCKETS] spent;
    }

    /// @dev States in which a grant can be revoked (Vesting | Vested), built once with StateBitmap.encode.
    bytes32 private immutable _revocable;

    mapping(address token => uint256) private _reserved;
    mapping(address token => uint256) private _budgets;
    mapping(address token => CouncilWindow) private _councilWindows;
    Grant[] private _grants;
    uint256 private _budgetPeriod;
    uint256 private _periodChangedAt;

    /// @param admin DEFAULT_ADMIN_ROLE holder (the timelock)
    /// @param council COUNCIL_ROLE holder (the council Safe)
    /// @param period budget period in seconds
    /// @param tokens tokens with an initial council budget (address(0) = ETH)
    /// @param budgets council budget per period of each token (wei)
    constructor(address admin, address council, uint256 period, address[] memory tokens, uint256[] memory budgets) {
        if (admin == address(0) || council == address(0)) revert TreasuryZeroAddress();
        if (tokens.length != budgets.length) revert TreasuryLengthMismatch(tokens.length, budgets.length);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(COUNCIL_ROLE, council);
        _revocable = _encodeStateBitmap(GrantState.Vesting) | _encodeStateBitmap(GrantState.Vested);
        _setBudgetPeriod(period);
        for (uint256 i = 0; i < tokens.length; ++i) {
            _budgets[tokens[i]] = budgets[i];
            emit BudgetSet(tokens[i], 0, budgets[i]);
        }
    }

    /// @notice Accepts ETH.
    receive() external payable {
        emit Received(msg.sender, msg.value);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ITreasury
    function balance(address token) public view returns (uint256) {
        return token == address(0) ? address(this).balance : IERC20(token).balanceOf(address(this));
    }

    /// @inheritdoc ITreasury
    function reserved(address token) external view returns (uint256) {
        return _reserved[token];
    }

    /// @inheritdoc ITreasury
    function spendable(address token) public view returns (uint256) {
        return balance(token) - _reserved[token];
    }

    /// @inheritdoc ITreasury
    function budget(address token) external view returns (uint256) {
        return _budgets[token];
    }

    /// @inheritdoc ITreasury
    function budgetPeriod() external view returns (uint256) {
        return _budgetPeriod;
    }

    /// @inheritdoc ITreasury
    function remainingBudget(address token) public view returns (uint256) {
        (CouncilWindow memory w, uint256 current) = _window(token);
        uint256 spent = _spentIn(w, current);
        uint256 b = _budgets[token];
        return spent >= b ? 0 : b - spent;
    }

    /// @inheritdoc ITreasury
    function grant(uint256 grantId) external view returns (Grant memory) {
        return _grant(grantId);
    }

    /// @inheritdoc ITreasury
    function grantState(uint256 grantId) external view returns (GrantState) {
        return _grantState(_grant(grantId));
    }

    /// @inheritdoc ITreasury
    function grantCount() external view returns (uint256) {
        return _grants.length;
    }

    /// @inheritdoc ITreasury
    function vestedAmount(uint256 grantId, uint256 timestamp) public view returns (uint256) {
        Grant storage g = _grant(grantId);
        if (g.revoked) return g.amount;
        return GrantVesting.vestedAt(g.amount, g.start, g.cliff, g.duration, timestamp);
    }

    /// @inheritdoc ITreasury
    function claimable(uint256 grantId) external view returns (uint256) {
        return vestedAmount(grantId, block.timestamp) - _grant(grantId).claimed;
    }

    // ------------------------------------------------------------------ spending

    /// @inheritdoc ITreasury
    function spend(address token, address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        _checkSpend(token, to, amount);
        emit Spent(token, to, amount);
        _pay(token, to, amount);
    }

    /// @inheritdoc ITreasury
    function councilSpend(address token, address to, uint256 amount) external onlyRole(COUNCIL_ROLE) nonReentrant {
        _checkSpend(token, to, amount);
        (CouncilWindow memory w, uint256 current) = _window(token);
        uint256 spent = _spentIn(w, current);
        uint256 b = _budgets[token];
        uint256 remaining = spent >= b ? 0 : b - spent;
        if (amount > remaining) revert TreasuryOverBudget(msg.sender, token, amount, remaining);
        // Advance the ring to the current bucket, clearing the (at most 8) buckets it reuses.
        for (uint256 i = w.last + 1; i <= current && i <= w.last + _BUCKETS; ++i) {
            w.spent[i % _BUCKETS] = 0;
        }
        // current is a timestamp divided by at least 1, so it fits in 64 bits for billions of years.
        w.last = uint64(current);
        // spent + amount <= budget here; SafeCast guards budgets above 2^128 wei.
        w.spent[current % _BUCKETS] = SafeCast.toUint128(w.spent[current % _BUCKETS] + amount);
        _councilWindows[token] = w;
        emit CouncilSpent(msg.sender, token, to, amount, spent + amount);
        _pay(token, to, amount);
    }

    /// @inheritdoc ITreasury
    function setBudget(address token, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 old = _budgets[token];
        _budgets[token] = amount;
        emit BudgetSet(token, old, amount);
    }

    /// @inheritdoc ITreasury
    function setBudgetPeriod(uint256 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setBudgetPeriod(period);
    }

    // ------------------------------------------------------------------ grants

    /// @inheritdoc ITreasury
    function createGrant(
        address token,
        address grantee,
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 grantId) {
        if (grantee == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        if (duration == 0 || cliff < start || cliff > start + duration || start + duration > type(uint48).max) {
            revert TreasuryInvalidSchedule(start, cliff, duration);
        }
        uint256 available = spendable(token);
        if (amount > available) revert TreasuryInsufficientSpendable(token, amount, available);
        _reserved[token] += amount;
        grantId = _grants.length;
        // start + duration <= 2^48 - 1 was checked, so the three narrowings below are lossless.
        _grants.push(
            Grant({
                grantee: grantee,
                start: uint48(start),
                cliff: uint48(cliff),
                token: token,
                duration: uint48(duration),
                revoked: false,
                amount: SafeCast.toUint128(amount),
                claimed: 0
            })
        );
        emit GrantCreated(grantId, grantee, token, amount, start, cliff, duration);
    }

    /// @inheritdoc ITreasury
    function revokeGrant(uint256 grantId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Grant storage g = _grant(grantId);
        Grant memory m = g; // one read of the three slots for the state check and the vesting curve
        _validateStateBitmap(grantId, m, _revocable);
        uint256 amount = m.amount;
        uint256 vested = GrantVesting.vestedAt(amount, m.start, m.cliff, m.duration, block.timestamp);
        uint256 returned = amount - vested;
        g.revoked = true;
        // vested <= amount, which is a uint128.
        g.amount = uint128(vested);
        _reserved[m.token] -= returned;
        emit GrantRevoked(grantId, vested, returned);
    }

    /// @inheritdoc ITreasury
    function claim(uint256 grantId) external nonReentrant returns (uint256 amount) {
        Grant storage g = _grant(grantId);
        address grantee = g.grantee;
        if (msg.sender != grantee) revert TreasuryNotGrantee(grantId, msg.sender, grantee);
        uint256 total = g.amount;
        uint256 vested =
            g.revoked ? total : GrantVesting.vestedAt(total, g.start, g.cliff, g.duration, block.timestamp);
        uint256 claimed = g.claimed;
        amount = vested - claimed;
        if (amount == 0) revert TreasuryNothingToClaim(grantId);
        // vested <= total, which is a uint128.
        g.claimed = uint128(vested);
        address token = g.token;
        _reserved[token] -= amount;
        emit GrantClaimed(grantId, grantee, amount);
        _pay(token, grantee, amount);
    }

    // ------------------------------------------------------------------ internals

    function _grant(uint256 grantId) private view returns (Grant storage) {
        if (grantId >= _grants.length) revert TreasuryUnknownGrant(grantId);
        return _grants[grantId];
    }

    function _grantState(Grant memory g) private view returns (GrantState) {
        if (g.revoked) return GrantState.Revoked;
        return block.timestamp < uint256(g.start) + g.duration ? GrantState.Vesting : GrantState.Vested;
    }

    /// @dev The derived state of grant `g`; reverts with TreasuryUnexpectedGrantState unless its bit is set in
    /// `allowed` (built with `_encodeStateBitmap`, see utils/StateBitmap).
    function _validateStateBitmap(uint256 grantId, Grant memory g, bytes32 allowed) private view {
        // StateBitmap.contains, written out: as a library call it costs every transition ~17 gas (measured), and
        // no caller needs the state back (returning it would cost 1 more).
        GrantState current = _grantState(g);
        if (uint256(allowed) & (1 << uint8(current)) == 0) {
            revert TreasuryUnexpectedGrantState(grantId, current, allowed);
        }
    }

    /// @dev The one-state bitmap of `s`.
    function _encodeStateBitmap(GrantState s) private pure returns (bytes32) {
        return StateBitmap.encode(uint8(s));
    }

    function _checkSpend(address token, address to, uint256 amount) private view {
        if (to == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        uint256 available = spendable(token);
        if (amount > available) revert TreasuryInsufficientSpendable(token, amount, available);
    }

    function _setBudgetPeriod(uint256 period) private {
        if (period == 0 || period > MAX_BUDGET_PERIOD) revert TreasuryInvalidPeriod(period, MAX_BUDGET_PERIOD);
        emit BudgetPeriodSet(_budgetPeriod, period);
        _budgetPeriod = period;
        _periodChangedAt = block.timestamp;
    }

    /// @dev The council window of `token` in the current bucket length, and the current bucket index. A ring
    /// recorded with another bucket length (the period changed since) is re-dated: what its window held at the
    /// change counts as spent in the bucket of the change.
    function _window(address token) private view returns (CouncilWindow memory w, uint256 current) {
        uint256 len = (_budgetPeriod + _BUCKETS - 2) / (_BUCKETS - 1); // ceil(period / 7) >= 1
        current = block.timestamp / len;
        w = _councilWindows[token];
        if (w.bucketLength != len) {
            uint256 changedAt = _periodChangedAt;
            uint256 carried = w.bucketLength == 0 ? 0 : _spentIn(w, changedAt / w.bucketLength);
            delete w.spent;
            w.bucketLength = uint64(len);
            w.last = uint64(changedAt / len);
            w.spent[w.last % _BUCKETS] = SafeCast.toUint128(carried);
        }
    }

    /// @dev Spending recorded in buckets `current - 7 .. current` (`current >= w.last`: time only moves forward, and a
    /// re-dated ring's `last` is the bucket of the period change, which is not after now). Virtual only for the
    /// invariant suite's known-bad canary (contracts/mocks/kit/CalendarBudgetTreasury.sol); nothing overrides it.
    function _spentIn(CouncilWindow memory w, uint256 current) internal pure virtual returns (uint256 sum) {
        uint256 last = w.last;
        if (last + _BUCKETS <= current) return 0; // every recorded bucket has left the window
        uint256 from = current >= _BUCKETS - 1 ? current - (_BUCKETS - 1) : 0;
        for (uint256 b = from; b <= last; ++b) {
            sum += w.spent[b % _BUCKETS];
        }
    }

    function _pay(address token, address to, uint256 amount) private {
        if (token == address(0)) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, ) = to.call{value: amount}("");
            if (!ok) revert TreasuryEthTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }
}
