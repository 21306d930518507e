// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BPS} from "../../utils/Constants.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {IStabilityHook} from "./IStabilityHook.sol";
import {IStabilityRegime} from "./IStabilityRegime.sol";
import {IUniswapV2PairSwap} from "./IUniswapV2PairSwap.sol";
import {IAssetRegistry} from "../assets/IAssetRegistry.sol";
import {StabilityMath} from "./StabilityMath.sol";

/// @title StabilityGate
/// @notice CAESAR's stability gate: the token's stability reserve (exempt, so the token's rapid-trade penalties
/// accrue to it) and the market entry point through which trades on the CAESAR pair carry the controller's
/// incentives (StabilityController.regime(): the deviation and the PI output at its last, TWAP-based update).
/// - Bonus/penalty: level = |output| in bps. A buy above target pays a penalty (that share of its quote input, kept
///   here); a buy below target gets a bonus (that share of its CAESAR output, paid from the reserve). A sell below
///   target pays a penalty (that share of its CAESAR input, kept here); a sell above target gets a bonus (that
///   share of its CAESAR input, from the reserve). The CAESAR reserve is `balanceOf(gate) - escrowCaesar`; a bonus
///   larger than the reserve is not paid at all (0, `BonusUncovered`), never partially: the trade's price is then
///   exactly the market's, and the reserve never goes negative.
/// - Delay queue: a destabilizing trade (a buy while above target, a sell while below) with |deviation| at or
///   beyond `caesar.stability.delayThresholdBps` is queued, its input escrowed here; Queued until
///   `caesar.stability.queueDelay` passed, then Executable (by its trader) for `caesar.stability.queueExpiry`,
///   then Expired (anyone refunds exactly the escrow to the trader); the trader may cancel a Queued or
///   Executable entry (exact refund). Executed, Cancelled and refunded Expired entries are final.
/// - Circuit breaker: while tripped, a destabilizing trade with |deviation| at or beyond
///   `caesar.stability.blockThresholdBps` (and the execution of a queued one) is refused with
///   `GateBreakerTripped(deviation, threshold, resetsAt)`. Any state-changing call (`poke`, trades) that sees the
///   deviation at or beyond the threshold trips an armed breaker for `caesar.stability.breakerCooldown` (at most
///   MAX_COOLDOWN); it resets by itself when the cooldown ends and re-arms only once a call saw the deviation back
///   under the threshold: one trip per excursion, so a persistent deviation cannot keep it tripped (afterwards
///   such trades are queued again). The trade that trips it is queued, not refused (a revert would undo the trip).
/// - Direct pool trades: CaesarToken asks `checkPoolTrade` on every transfer from or to a registered pool (never
///   on a wallet transfer); a destabilizing one beyond the delay threshold is refused with
///   `GateDirectTradeRefused`, and one on the side the gate penalises (the controller's output non-zero) with
///   `GateDirectTradePenalised`, unless this gate is executing the trade (a transient flag). So the penalty cannot
///   be skipped, and a bonus bought through the gate cannot be sold straight back on the router (a round trip
///   paid by the reserve). Adding and removing liquidity are pool transfers too: each is refused on the side
///   that is penalised at the time.
/// The guardian pauses the stabilizer (this gate's regime becomes neutral: no incentive, queue, breaker or
/// direct-trade check; entries can still be executed, cancelled and refunded), never the token: through the gate's
/// own `setPaused`, or through the asset registry's stabilizer flag of CAESAR's asset (`setAssetGate`).
contract StabilityGate is AccessControl, ReentrancyGuard, IStabilityHook {
    using SafeERC20 for IERC20;

    /// @notice May pause and unpause the gate.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Hard bound of the breaker cooldown (s), whatever the registry says.
    uint256 public constant MAX_COOLDOWN = 1 days;

    /// @notice An entry's state (the kit's convention, StateBitmap).
    enum EntryState {
        None,
        Queued,
        Executable,
        Executed,
        Expired,
        Cancelled
    }

    /// @dev One queued trade. `closed`: 0 open, 1 executed, 2 cancelled, 3 refunded after expiry.
    struct Entry {
        address trader;
        bool buy;
        uint8 closed;
        uint40 executableAt;
        uint40 expiresAt;
        uint256 amountIn; // escrowed: quote wei for a buy, CAESAR wei for a sell
        uint256 minOut;
    }

    /// @dev The regime a trade sees.
    struct Regime {
        int256 deviation;
        uint256 level; // |output| in bps
        bool outputUp; // output > 0
        bool queue; // the trade is queued
    }

    /// @notice A zero address was given.
    error GateZeroAddress();
    /// @notice `pair` does not trade the gate's CAESAR.
    error GateNotThePair(address pair);
    /// @notice The trade's `deadline` is before `nowTs`.
    error GateDeadlinePassed(uint256 deadline, uint256 nowTs);
    /// @notice A trade of zero.
    error GateZeroAmount();
    /// @notice The trade would give `amountOut`, less than `minOut`.
    error GateSlippage(uint256 amountOut, uint256 minOut);
    /// @notice The breaker is tripped until `resetsAt`: the destabilizing trade at `deviationWad`, at or beyond
    /// `thresholdBps`, is refused.
    error GateBreakerTripped(int256 deviationWad, uint256 thresholdBps, uint256 resetsAt);
    /// @notice A direct trade on `pool` (a buy when `buy`) is destabilizing at `deviationWad`, at or beyond the delay
    /// threshold `thresholdBps`: trade through `gate` (which queues it).
    error GateDirectTradeRefused(address pool, bool buy, int256 deviationWad, uint256 thresholdBps, address gate);
    /// @notice A direct trade on `pool` (a buy when `buy`) is on the side the gate penalises now (`levelBps`, the
    /// controller's output): trade through `gate`, which charges the penalty.
    error GateDirectTradePenalised(address pool, bool buy, uint256 levelBps, address gate);
    /// @notice Entry `id` is `current`, not in `allowed` (StateBitmap).
    error GateUnexpectedState(uint256 id, EntryState current, bytes32 allowed);
    /// @notice `caller` is not the trader of entry `id`.
    error GateNotTrader(uint256 id, address caller, address trader);
    /// @notice Expired entry `id` was already refunded (its escrow went back to its trader once).
    error GateAlreadyRefunded(uint256 id);
    /// @notice The pause flag is already `paused`.
    error GatePauseUnchanged(bool paused);
    /// @notice A withdrawal of `amount` of `asset` is more than its reserve `reserve` (escrow excluded).
    error GateReserveShort(address asset, uint256 amount, uint256 reserve);

    /// @notice `trader` traded `amountIn` for `amountOut` (what it received from the pair), with `bonus` (CAESAR,
    /// paid) and `penalty` (in the input asset, kept) at `deviationWad`.
    event GateTraded(
        address indexed trader,
        bool buy,
        uint256 amountIn,
        uint256 amountOut,
        uint256 bonus,
        uint256 penalty,
        int256 deviationWad
    );
    /// @notice A `bonus` for `trader` was not paid: the CAESAR reserve `reserve` could not cover it.
    event BonusUncovered(address indexed trader, uint256 bonus, uint256 reserve);
    /// @notice Entry `id` queued `amountIn` (escrowed) of `trader`.
    event TradeQueued(
        uint256 indexed id,
        address indexed trader,
        bool buy,
        uint256 amountIn,
        uint256 minOut,
        uint256 executableAt,
        uint256 expiresAt
    );
    /// @notice Entry `id` was executed for `amountOut`.
    event EntryExecuted(uint256 indexed id, uint256 amountOut);
    /// @notice Entry `id` was cancelled by its trader; `refund` returned.
    event EntryCancelled(uint256 indexed id, uint256 refund);
    /// @notice Entry `id` expired; `refund` returned to its trader.
    event EntryRefunded(uint256 indexed id, uint256 refund);
    /// @notice The breaker tripped at `deviationWad` (threshold `thresholdBps`) until `resetsAt`.
    event BreakerTripped(int256 deviationWad, uint256 thresholdBps, uint256 resetsAt);
    /// @notice The breaker re-armed: the deviation `deviationWad` is back under the blocking threshold.
    event BreakerRearmed(int256 deviationWad);
    /// @notice The guardian `by` set the pause flag to `paused`.
    event GatePaused(address indexed by, bool paused);
    /// @notice The admin withdrew `amount` of `asset` from the reserve to `to`.
    event ReserveWithdrawn(address indexed asset, address indexed to, uint256 amount);
    /// @notice The stabilizer now also reads asset `assetId`'s stabilizer pause flag in `registry` (0: none).
    event AssetGateChanged(address indexed registry, uint256 assetId);

    /// @notice CAESAR.
    IERC20 public immutable caesar;
    /// @notice The pair's other token.
    IERC20 public immutable quote;
    /// @notice The CAESAR pair (a Uniswap V2 pair registered as a CAESAR pool).
    IUniswapV2PairSwap public immutable pair;
    /// @notice The stability controller.
    IStabilityRegime public immutable controller;
    /// @notice The registry holding the `caesar.stability.*` thresholds and times.
    IParameterRegistry public immutable registry;
    bool private immutable _caesarIs0;

    bool private transient _inGate;
    /// @notice Entries queued so far (ids 1..entryCount).
    uint256 public entryCount;
    /// @notice CAESAR held for open entries.
    uint256 public escrowCaesar;
    /// @notice Quote tokens held for open entries.
    uint256 public escrowQuote;
    // trippedUntil(64) | disarmed(8) | paused(8) | assets(160) in one slot.
    uint64 private _trippedUntil;
    bool private _disarmed;
    bool private _paused;
    IAssetRegistry private _assets; // packed with the three above
    mapping(uint256 id => Entry) private _entries;
    uint256 private _assetId;

    /// @param caesar_ the CAESAR token
    /// @param pair_ the CAESAR pair
    /// @param controller_ the stability controller
    /// @param registry_ the CAESAR registry
    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock)
    constructor(
        IERC20 caesar_,
        IUniswapV2PairSwap pair_,
        IStabilityRegime controller_,
        IParameterRegistry registry_,
        address admin
    ) {
        if (
            address(caesar_) == address(0) ||
            address(pair_) == address(0) ||
            address(controller_) == address(0) ||
            address(registry_) == address(0) ||
            admin == address(0)
        ) revert GateZeroAddress();
        address t0 = pair_.token0();
        address t1 = pair_.token1();
        if (t0 != address(caesar_) && t1 != address(caesar_)) revert GateNotThePair(address(pair_));
        caesar = caesar_;
        _caesarIs0 = t0 == address(caesar_);
        quote = IERC20(_caesarIs0 ? t1 : t0);
        pair = pair_;
        controller = controller_;
        registry = registry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- trades

    /// @notice Buys CAESAR with `quoteIn` quote tokens (approved to the gate), or queues the buy when it is
    /// destabilizing beyond the delay threshold. Reverts `GateBreakerTripped` while the breaker refuses it.
    /// @param quoteIn quote wei paid (escrowed if queued)
    /// @param minOut least CAESAR the pair must send (net of the token's transfer fee; the bonus not counted)
    /// @param deadline latest timestamp of the trade
    /// @return id the entry id when queued (0 when traded)
    /// @return amountOut CAESAR received (0 when queued)
    function buy(
        uint256 quoteIn,
        uint256 minOut,
        uint256 deadline
    ) external nonReentrant returns (uint256 id, uint256 amountOut) {
        return _trade(true, quoteIn, minOut, deadline);
    }

    /// @notice Sells `caesarIn` CAESAR (approved to the gate) for quote tokens, or queues the sell when it is
    /// destabilizing beyond the delay threshold. Reverts `GateBreakerTripped` while the breaker refuses it.
    /// @param caesarIn CAESAR wei paid (escrowed if queued)
    /// @param minOut least quote wei the pair must send
    /// @param deadline latest timestamp of the trade
    /// @return id the entry id when queued (0 when traded)
    /// @return amountOut quote wei received (0 when queued)
    function sell(
        uint256 caesarIn,
        uint256 minOut,
        uint256 deadline
    ) external nonReentrant returns (uint256 id, uint256 amountOut) {
        return _trade(false, caesarIn, minOut, deadline);
    }

    /// @notice Executes Executable entry `id` from its escrow at the current regime (incentives included). Its
    /// trader only; refused with `GateBreakerTripped` while the breaker refuses the trade.
    /// @param id the entry
    /// @return amountOut what the trader received from the pair
    function execute(uint256 id) external nonReentrant returns (uint256 amountOut) {
        _validateStateBitmap(id, StateBitmap.encode(uint8(EntryState.Executable)));
        Entry storage e = _entries[id];
        _onlyTrader(id, e.trader);
        bool isBuy = e.buy;
        Regime memory g = _regime(isBuy);
        uint256 amountIn = e.amountIn;
        e.closed = 1;
        if (isBuy) escrowQuote -= amountIn;
        else escrowCaesar -= amountIn;
        amountOut = _swap(msg.sender, isBuy, amountIn, e.minOut, true, g);
        emit EntryExecuted(id, amountOut);
    }

    /// @notice Cancels Queued or Executable entry `id` and refunds exactly its escrow. Its trader only.
    /// @param id the entry
    function cancel(uint256 id) external nonReentrant {
        _validateStateBitmap(
            id,
            StateBitmap.encode(uint8(EntryState.Queued)) | StateBitmap.encode(uint8(EntryState.Executable))
        );
        Entry storage e = _entries[id];
        _onlyTrader(id, e.trader);
        e.closed = 2;
        uint256 amount = _release(e);
        emit EntryCancelled(id, amount);
        _payBack(e);
    }

    /// @notice Refunds exactly the escrow of Expired entry `id` to its trader, once (`GateAlreadyRefunded` after).
    /// Anyone. A gate that the token has replaced (`setStabilityGate`) keeps its CAESAR exemption, so its entries
    /// still cancel and refund exactly (their execution is then checked by the new gate like any pool trade); the
    /// admin revokes the exemption with `setKind` once its escrow is empty.
    /// @param id the entry
    function refund(uint256 id) external nonReentrant {
        _validateStateBitmap(id, StateBitmap.encode(uint8(EntryState.Expired)));
        Entry storage e = _entries[id];
        if (e.closed != 0) revert GateAlreadyRefunded(id);
        e.closed = 3;
        uint256 amount = _release(e);
        emit EntryRefunded(id, amount);
        _payBack(e);
    }

    /// @notice Trips an armed breaker when the deviation is at or beyond the blocking threshold, or re-arms it
    /// once it is back under. Anyone (a keeper after each controller update).
    function poke() external {
        (bool neutral, int256 dev, ) = _read();
        if (!neutral) _syncBreaker(dev);
    }

    // ---------------------------------------------------------------- admin

    /// @notice Pauses (`true`) or resumes the gate's stabilizer: paused, the regime is neutral (no incentive, queue,
    /// breaker or direct-trade check). The token is never paused. Guardian only.
    /// @param paused_ the new flag
    function setPaused(bool paused_) external onlyRole(GUARDIAN_ROLE) {
        if (_paused == paused_) revert GatePauseUnchanged(paused_);
        _paused = paused_;
        emit GatePaused(msg.sender, paused_);
    }

    /// @notice Makes the stabilizer also neutral while asset `assetId` of the asset registry `assets` has its
    /// stabilizer paused (the guardian's asset-level pause; address(0) reads none). Admin only (the timelock).
    /// @param assets the asset registry (or address(0))
    /// @param assetId CAESAR's asset id there
    function setAssetGate(IAssetRegistry assets, uint256 assetId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _assets = assets;
        _assetId = assetId;
        emit AssetGateChanged(address(assets), assetId);
    }

    /// @notice Sends `amount` of `asset` (CAESAR or the quote token) from the reserve, never from the escrow, to
    /// `to`. Admin only (the timelock).
    /// @param asset CAESAR or the quote token
    /// @param to the receiver
    /// @param amount wei
    function withdrawReserve(
        IERC20 asset,
        address to,
        uint256 amount
    ) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert GateZeroAddress();
        uint256 r = _reserveOf(asset);
        if (amount > r) revert GateReserveShort(address(asset), amount, r);
        emit ReserveWithdrawn(address(asset), to, amount);
        asset.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStabilityHook
    function checkPoolTrade(address pool, bool buy_) external view {
        if (_inGate) return;
        (bool neutral, int256 dev, int256 out) = _read();
        if (neutral) return;
        if (buy_ ? dev > 0 : dev < 0) {
            uint256 threshold = registry.get(CaesarParams.STABILITY_DELAY_THRESHOLD_BPS);
            if (StabilityMath.absBps(dev) >= threshold) {
                revert GateDirectTradeRefused(pool, buy_, dev, threshold, address(this));
            }
        }
        // The side the gate penalises trades only through the gate: a direct trade would skip the penalty, and a
        // bonus bought through the gate could be sold straight back (a round trip paid by the reserve).
        uint256 level = StabilityMath.absBps(out);
        if (level != 0 && buy_ == (out > 0)) revert GateDirectTradePenalised(pool, buy_, level, address(this));
    }

    /// @notice Entry `id`'s state: None, Queued (before its delay), Executable, Executed, Expired (after its window;
    /// also once refunded), Cancelled.
    /// @param id the entry
    function state(uint256 id) public view returns (EntryState) {
        if (id == 0 || id > entryCount) return EntryState.None;
        Entry storage e = _entries[id];
        uint256 closed = e.closed;
        if (closed == 1) return EntryState.Executed;
        if (closed == 2) return EntryState.Cancelled;
        if (closed == 3 || block.timestamp >= e.expiresAt) return EntryState.Expired;
        return block.timestamp < e.executableAt ? EntryState.Queued : EntryState.Executable;
    }

    /// @notice Entry `id` as stored (`closed`: 0 open, 1 executed, 2 cancelled, 3 refunded).
    /// @param id the entry
    function entry(uint256 id) external view returns (Entry memory) {
        return _entries[id];
    }

    /// @notice The asset registry and asset id whose stabilizer pause flag the gate reads (address(0): none).
    function assetGate() external view returns (address assets, uint256 assetId) {
        return (address(_assets), _assetId);
    }

    /// @notice The reserves: CAESAR and quote wei held beyond the escrow.
    function reserves() external view returns (uint256 caesarReserve, uint256 quoteReserve) {
        return (_reserveOf(caesar), _reserveOf(quote));
    }

    /// @notice The breaker: whether it refuses now, whether it may trip again, and when the current trip ends.
    function breaker() external view returns (bool tripped, bool armed, uint256 resetsAt) {
        return (block.timestamp < _trippedUntil, !_disarmed, _trippedUntil);
    }

    /// @notice Whether the gate's stabilizer is paused.
    function paused() external view returns (bool) {
        return _paused;
    }

    // ---------------------------------------------------------------- internals

    function _trade(
        bool isBuy,
        uint256 amountIn,
        uint256 minOut,
        uint256 deadline
    ) private returns (uint256 id, uint256 amountOut) {
        if (amountIn == 0) revert GateZeroAmount();
        if (block.timestamp > deadline) revert GateDeadlinePassed(deadline, block.timestamp);
        Regime memory g = _regime(isBuy);
        if (g.queue) return (_queue(isBuy, amountIn, minOut), 0);
        amountOut = _swap(msg.sender, isBuy, amountIn, minOut, false, g);
    }

    /// @dev The regime of a trade now: syncs the breaker, refuses a destabilizing trade while it is tripped, and
    /// tells whether the trade is queued.
    function _regime(bool isBuy) private returns (Regime memory g) {
        (bool neutral, int256 dev, int256 out) = _read();
        if (neutral) return g;
        g.deviation = dev;
        g.level = StabilityMath.absBps(out);
        g.outputUp = out > 0;
        bool justTripped = _syncBreaker(dev);
        if (isBuy ? dev <= 0 : dev >= 0) return g;
        uint256 abs = StabilityMath.absBps(dev);
        uint256 blocking = registry.get(CaesarParams.STABILITY_BLOCK_THRESHOLD_BPS);
        if (abs >= blocking && !justTripped && block.timestamp < _trippedUntil) {
            revert GateBreakerTripped(dev, blocking, _trippedUntil);
        }
        g.queue = abs >= registry.get(CaesarParams.STABILITY_DELAY_THRESHOLD_BPS);
    }

    /// @dev Trips an armed breaker at or beyond the blocking threshold (returns true), re-arms a disarmed one under it.
    function _syncBreaker(int256 dev) private returns (bool tripped) {
        uint256 blocking = registry.get(CaesarParams.STABILITY_BLOCK_THRESHOLD_BPS);
        uint256 abs = StabilityMath.absBps(dev);
        if (abs >= blocking) {
            if (_disarmed || block.timestamp < _trippedUntil) return false;
            uint256 cooldown = registry.get(CaesarParams.STABILITY_BREAKER_COOLDOWN);
            if (cooldown > MAX_COOLDOWN) cooldown = MAX_COOLDOWN;
            uint256 until = block.timestamp + cooldown;
            _trippedUntil = uint64(until);
            _disarmed = true;
            emit BreakerTripped(dev, blocking, until);
            return true;
        }
        if (_disarmed) {
            _disarmed = false;
            emit BreakerRearmed(dev);
        }
        return false;
    }

    function _queue(bool isBuy, uint256 amountIn, uint256 minOut) private returns (uint256 id) {
        IParameterRegistry r = registry;
        uint256 executableAt = block.timestamp + r.get(CaesarParams.STABILITY_QUEUE_DELAY);
        uint256 expiresAt = executableAt + r.get(CaesarParams.STABILITY_QUEUE_EXPIRY);
        id = ++entryCount;
        _entries[id] = Entry({
            trader: msg.sender,
            buy: isBuy,
            closed: 0,
            executableAt: uint40(executableAt),
            expiresAt: uint40(expiresAt),
            amountIn: amountIn,
            minOut: minOut
        });
        if (isBuy) escrowQuote += amountIn;
        else escrowCaesar += amountIn;
        emit TradeQueued(id, msg.sender, isBuy, amountIn, minOut, executableAt, expiresAt);
        (isBuy ? quote : caesar).safeTransferFrom(msg.sender, address(this), amountIn);
    }

    /// @dev The swap on the pair with the incentives: the input from the trader (or from the escrow, already
    /// released), the penalty kept in the input asset, the bonus paid in CAESAR from the reserve when covered.
    function _swap(
        address trader,
        bool isBuy,
        uint256 amountIn,
        uint256 minOut,
        bool fromEscrow,
        Regime memory g
    ) private returns (uint256 amountOut) {
        bool penalised = isBuy == g.outputUp && g.level != 0;
        uint256 penalty = penalised ? (amountIn * g.level) / BPS : 0;
        IERC20 tokenIn = isBuy ? quote : caesar;
        _inGate = true;
        if (fromEscrow) {
            tokenIn.safeTransfer(address(pair), amountIn - penalty);
        } else {
            tokenIn.safeTransferFrom(trader, address(pair), amountIn - penalty);
            if (penalty != 0) tokenIn.safeTransferFrom(trader, address(this), penalty);
        }
        uint256 gross;
        (gross, amountOut) = _pairSwap(trader, isBuy, tokenIn);
        _inGate = false;
        if (amountOut < minOut) revert GateSlippage(amountOut, minOut);
        uint256 bonus = !penalised && g.level != 0 ? ((isBuy ? gross : amountIn) * g.level) / BPS : 0;
        if (bonus != 0) bonus = _payBonus(trader, bonus);
        emit GateTraded(trader, isBuy, amountIn, amountOut, bonus, penalty, g.deviation);
    }

    /// @dev Swaps what arrived at the pair beyond its reserve for the other token, sent to `trader`; returns the
    /// pair's output and what the trader received (net of the token's transfer fee on a buy).
    function _pairSwap(address trader, bool isBuy, IERC20 tokenIn) private returns (uint256 gross, uint256 received) {
        bool inIs0 = isBuy != _caesarIs0; // the quote token is token0 exactly when CAESAR is token1
        gross = _quoteOut(tokenIn, inIs0);
        IERC20 tokenOut = isBuy ? caesar : quote;
        uint256 before = tokenOut.balanceOf(trader);
        pair.swap(inIs0 ? 0 : gross, inIs0 ? gross : 0, trader, "");
        received = tokenOut.balanceOf(trader) - before;
    }

    /// @dev The pair's output for what arrived beyond its input reserve.
    function _quoteOut(IERC20 tokenIn, bool inIs0) private view returns (uint256) {
        (uint256 r0, uint256 r1, ) = pair.getReserves();
        (uint256 rIn, uint256 rOut) = inIs0 ? (r0, r1) : (r1, r0);
        return _amountOut(tokenIn.balanceOf(address(pair)) - rIn, rIn, rOut);
    }

    /// @dev Pays `bonus` CAESAR from the reserve when it covers all of it; otherwise pays nothing and says so.
    function _payBonus(address trader, uint256 bonus) private returns (uint256 paid) {
        uint256 r = _reserveOf(caesar);
        if (bonus > r) {
            emit BonusUncovered(trader, bonus, r);
            return 0;
        }
        caesar.safeTransfer(trader, bonus);
        return bonus;
    }

    /// @dev Uniswap V2's getAmountOut (0.3% fee).
    function _amountOut(uint256 amountIn, uint256 rIn, uint256 rOut) private pure returns (uint256) {
        uint256 withFee = amountIn * 997;
        return (withFee * rOut) / (rIn * 1000 + withFee);
    }

    /// @dev Releases entry `e`'s escrow (the refund follows in `_payBack`).
    function _release(Entry storage e) internal virtual returns (uint256 amount) {
        amount = e.amountIn;
        if (e.buy) escrowQuote -= amount;
        else escrowCaesar -= amount;
    }

    /// @dev Sends entry `e`'s escrow back to its trader.
    function _payBack(Entry storage e) private {
        (e.buy ? quote : caesar).safeTransfer(e.trader, e.amountIn);
    }

    function _reserveOf(IERC20 asset) private view returns (uint256) {
        uint256 held = asset.balanceOf(address(this));
        uint256 escrow = asset == caesar ? escrowCaesar : (asset == quote ? escrowQuote : 0);
        return held - escrow;
    }

    /// @dev The controller's regime, neutral while the gate, the asset's stabilizer or the controller is paused.
    function _read() private view returns (bool neutral, int256 dev, int256 out) {
        if (_paused) return (true, 0, 0);
        IAssetRegistry assets = _assets;
        if (address(assets) != address(0)) {
            (, bool stabilizerPaused) = assets.pauseFlags(_assetId);
            if (stabilizerPaused) return (true, 0, 0);
        }
        bool p;
        (p, dev, out) = controller.regime();
        if (p) return (true, 0, 0);
    }

    function _onlyTrader(uint256 id, address trader) private view {
        if (msg.sender != trader) revert GateNotTrader(id, msg.sender, trader);
    }

    function _validateStateBitmap(uint256 id, bytes32 allowed) private view {
        EntryState current = state(id);
        if (!StateBitmap.contains(allowed, uint8(current))) revert GateUnexpectedState(id, current, allowed);
    }
}
