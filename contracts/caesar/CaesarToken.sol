// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IParameterRegistry} from "../registry/IParameterRegistry.sol";
import {AggregatorV3Interface} from "../oracles/AggregatorV3Interface.sol";
import {FeedReader} from "../oracles/FeedReader.sol";
import {IFeedReader} from "../oracles/IFeedReader.sol";
import {BPS, WAD} from "../utils/Constants.sol";
import {CaesarParams} from "./CaesarParams.sol";
import {DemurrageMath} from "./DemurrageMath.sol";
import {CaesarFeeMath} from "./fees/CaesarFeeMath.sol";
import {IStabilityFactor} from "./fees/IStabilityFactor.sol";
import {IUniswapV2PairSync} from "./fees/IUniswapV2PairSync.sol";
import {ICaesarToken} from "./ICaesarToken.sol";
import {IStabilityHook} from "./stability/IStabilityHook.sol";

/// @title CaesarToken
/// @notice CAESAR: ERC-20 + permit with demurrage, a dynamic fee and a rapid-trade penalty (see ICaesarToken).
/// @dev Design: a global index in base units (Ampleforth-style, index falling), DemurrageMath for the formula,
/// precision, the 100-year floor argument and the rounding bound. Ledger identity (checked by the invariant suite):
///   totalSupply == sum(nominal balances) + ceil(totalBase * index) + accrued            (exact, by definition)
///   sum(decaying balances) <= ceil(totalBase * index), short by < 1 wei per decaying holder + 1
/// so sum of balances + accrued == supply minus that dust, never more. Fees and rounding wei leave the sender's
/// base units without being credited to anyone, so they join the accrual exactly as decay does; penalties are
/// credited to the stability reserve's nominal balance.
/// Gas: per-account state is one slot (base or nominal balance, kind, rapid-trade state or pool sync point); one
/// global slot `_clock` holds the day, the index, the total base units and the congestion window; one slot
/// `_params` caches every parameter a transfer reads; `_rare` (daily factor, anchor, congestion step) is read only
/// when the day or the congestion window changes. A transfer between decaying accounts writes the two account
/// slots and `_clock`, nothing else.
/// Registered pools also carry a net-flow word (`_flows`: window start, wei in minus wei out), checked against
/// `caesar.antispec.netFlowLimit` per `caesar.antispec.netFlowWindow` (Mento TradingLimits), read and written only
/// by transfers from or to a pool.
/// Entry points follow checks, accrue (`_tick`), compute (`_plan`), write, emit, external calls.
contract CaesarToken is ERC20Permit, AccessControl, ICaesarToken {
    using DemurrageMath for uint256;

    /// @inheritdoc ICaesarToken
    bytes32 public constant PROCESSOR_ROLE = keccak256("PROCESSOR_ROLE");
    /// @notice Seconds of one demurrage day.
    uint256 public constant DAY = 1 days;
    /// @notice Shortest congestion window (seconds): the window slot of a day fits in 8 bits.
    uint256 public constant MIN_CONGESTION_WINDOW = 10 minutes;
    /// @dev 1.0 in bps: a neutral factor.
    uint256 private constant _NEUTRAL = BPS;

    // Account word. Decaying: base(128) | kind(8) | lastReceipt(32) | rapidCount(8) | windowStart(32).
    // Exempt: nominal(128) | kind(8). Pool: nominal(128) | kind(8) | syncIndex(64) | syncDay(24).
    // Times are seconds since genesis plus one (0 = never).
    uint256 private constant _M8 = 0xff;
    uint256 private constant _M16 = 0xffff;
    uint256 private constant _M24 = 0xffffff;
    uint256 private constant _M32 = 0xffffffff;
    uint256 private constant _M64 = 0xffffffffffffffff;
    uint256 private constant _M128 = type(uint128).max;

    /// @dev The global clock `_clock`, unpacked.
    struct Clock {
        uint256 day; // 24 bits: days since genesis of the last tick
        uint256 index; // 64 bits: demurrage index (WAD) on that day
        uint256 totalBase; // 128 bits: base units of all decaying accounts
        uint256 slot; // 8 bits: congestion window of that day
        uint256 count; // 16 bits: transfers counted in that window (saturating)
        uint256 congestion; // 16 bits: congestion factor (bps of 1.0)
    }

    /// @dev The cached parameters `_params`, unpacked.
    struct Params {
        uint256 baseBps; // 16
        uint256 maxFeeBps; // 16
        uint256 minFee; // 64, wei
        uint256 liquidity; // 16, bps of 1.0
        uint256 volatility; // 16
        uint256 stability; // 16
        uint256 holding; // 24, seconds
        uint256 specWindow; // 24, seconds
        uint256 threshold; // 8, rapid trades
        uint256 specStep; // 16, bps
        uint256 specCap; // 16, bps
        uint256 congWindow; // 24, seconds
    }

    /// @dev Everything a transfer does, computed by `_plan` (also for `quoteTransfer`).
    struct Plan {
        uint256 fromWord;
        uint256 toWord;
        uint256 totalBase;
        uint256 nominalOut; // nominal wei leaving exempt accounts and pools
        uint256 nominalIn; // nominal wei arriving (the penalty to the reserve included)
        uint256 fee;
        uint256 penalty;
        uint256 demurrage;
        uint256 net;
        uint256 rapidCount; // 0 = not a rapid trade
        uint256 penaltyBps;
        uint256 fromFlow; // the sending pool's new net-flow word (0 = not a pool transfer)
        uint256 toFlow; // the receiving pool's
    }

    IParameterRegistry private immutable _registry;
    uint256 private immutable _genesis;
    uint256 private immutable _supply;

    uint256 private _clock;
    uint256 private _params;
    // dailyFactor(64) | anchorIndex(64) | anchorDay(24) | congestionTarget(32) | congestionStep(16) | congestionMax(16)
    uint256 private _rare;
    uint256 private _nominal;
    mapping(address account => uint256 word) private _accounts;
    // Net flow of a registered pool in its window: windowStart(32, seconds since genesis plus one) | net(int128).
    mapping(address pool => uint256 word) private _flows;
    // limit(128, wei) | window(32, s): read by pool transfers only.
    uint256 private _flowParams;

    address private _distributor;
    address private _reserve;
    address private _liquidityFeed;
    address private _volatilityFeed;
    address private _stabilitySource;
    // Asked by pool transfers only (`_plan`): never read by a wallet-to-wallet transfer.
    address private _gate;

    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock)
    /// @param registry_ the kit ParameterRegistry holding every `caesar.*` key
    /// @param distributor the fee distributor (exempt)
    /// @param reserve the stability reserve (exempt)
    /// @param exempt further protocol accounts (the treasury)
    /// @param recipients genesis recipients
    /// @param amounts genesis amounts (wei), one per recipient; their sum is at most `DemurrageMath.MAX_SUPPLY`
    constructor(
        address admin,
        IParameterRegistry registry_,
        address distributor,
        address reserve,
        address[] memory exempt,
        address[] memory recipients,
        uint256[] memory amounts
    ) ERC20("CAESAR", "CAESAR") ERC20Permit("CAESAR") {
        if (admin == address(0) || address(registry_) == address(0)) revert CaesarZeroAddress();
        if (distributor == address(0) || reserve == address(0)) revert CaesarZeroAddress();
        if (recipients.length != amounts.length) {
            revert CaesarGenesisLengthMismatch(recipients.length, amounts.length);
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _registry = registry_;
        _genesis = block.timestamp;
        _distributor = distributor;
        _reserve = reserve;
        _accounts[distributor] = _kindBits(Kind.Exempt);
        _accounts[reserve] = _kindBits(Kind.Exempt);
        for (uint256 i = 0; i < exempt.length; ++i) _accounts[exempt[i]] = _kindBits(Kind.Exempt);
        _clock = _packClock(Clock(0, WAD, 0, 0, 0, _NEUTRAL));
        _rare = WAD << 64; // anchor (day 0, index 1.0); the factor and congestion terms are read just below
        _params = (_NEUTRAL << 96) | (_NEUTRAL << 112) | (_NEUTRAL << 128) | (DAY << 232); // window: 1 day until read
        _refreshParameters();

        uint256 supply;
        uint256 totalBase_;
        uint256 nominal;
        for (uint256 i = 0; i < recipients.length; ++i) {
            address to = recipients[i];
            uint256 amount = amounts[i];
            if (to == address(0)) revert ERC20InvalidReceiver(address(0));
            supply += amount;
            // At genesis the index is exactly 1.0: base units equal wei.
            uint256 w = _accounts[to];
            _accounts[to] = w + amount;
            if (_kind(w) == Kind.Decaying) totalBase_ += amount;
            else nominal += amount;
            emit Transfer(address(0), to, amount);
            emit GenesisAllocated(to, amount);
        }
        if (supply > DemurrageMath.MAX_SUPPLY) revert CaesarSupplyTooLarge(supply, DemurrageMath.MAX_SUPPLY);
        _supply = supply;
        _nominal = nominal;
        Clock memory c = _unpackClock(_clock);
        c.totalBase = totalBase_;
        _clock = _packClock(c);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IERC20
    function totalSupply() public view override(ERC20, IERC20) returns (uint256) {
        return _supply;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) public view override(ERC20, IERC20) returns (uint256) {
        uint256 w = _accounts[account];
        if (!_decays(_kind(w))) return w & _M128;
        (Clock memory c, , , ) = _advanced();
        return (w & _M128).toAmountDown(c.index);
    }

    /// @inheritdoc ICaesarToken
    function genesisTime() external view returns (uint256) {
        return _genesis;
    }

    /// @inheritdoc ICaesarToken
    function today() public view returns (uint256) {
        return (block.timestamp - _genesis) / DAY;
    }

    /// @inheritdoc ICaesarToken
    function index() external view returns (uint256) {
        (Clock memory c, , , ) = _advanced();
        return c.index;
    }

    /// @inheritdoc ICaesarToken
    function kindOf(address account) external view returns (Kind) {
        return _kind(_accounts[account]);
    }

    /// @inheritdoc ICaesarToken
    function baseOf(address account) external view returns (uint256) {
        return _accounts[account] & _M128;
    }

    /// @inheritdoc ICaesarToken
    function totalBase() external view returns (uint256) {
        return _unpackClock(_clock).totalBase;
    }

    /// @inheritdoc ICaesarToken
    function nominalTotal() external view returns (uint256) {
        return _nominal;
    }

    /// @inheritdoc ICaesarToken
    function accrued() public view returns (uint256) {
        (Clock memory c, , , ) = _advanced();
        return _accrual(c);
    }

    /// @inheritdoc ICaesarToken
    function congestion() external view returns (uint256 congestionBps, uint256 transfers) {
        (Clock memory c, , , ) = _advanced();
        return (c.congestion, c.count);
    }

    /// @inheritdoc ICaesarToken
    function factors() external view returns (uint256 liquidityBps, uint256 volatilityBps, uint256 stabilityBps) {
        Params memory p = _unpackParams(_params);
        return (p.liquidity, p.volatility, p.stability);
    }

    /// @inheritdoc ICaesarToken
    function speculationOf(
        address account
    ) external view returns (uint256 lastReceipt, uint256 rapidCount, uint256 windowStart) {
        uint256 w = _accounts[account];
        if (_kind(w) != Kind.Decaying) return (0, 0, 0);
        uint256 r = (w >> 136) & _M32;
        uint256 s = (w >> 176) & _M32;
        return (r == 0 ? 0 : _genesis + r - 1, (w >> 168) & _M8, s == 0 ? 0 : _genesis + s - 1);
    }

    /// @inheritdoc ICaesarToken
    function netFlowOf(address pool) external view returns (int256 netFlow, uint256 windowStart) {
        uint256 w = _flows[pool];
        uint256 start = w & _M32;
        if (start == 0 || _nowRel() - start >= _flowParams >> 128) return (0, 0);
        return (int256(int128(uint128(w >> 32))), _genesis + start - 1);
    }

    /// @inheritdoc ICaesarToken
    function netFlowLimit() external view returns (uint256 limit, uint256 window) {
        uint256 fp = _flowParams;
        return (fp & _M128, fp >> 128);
    }

    /// @inheritdoc ICaesarToken
    function feeDistributor() external view returns (address) {
        return _distributor;
    }

    /// @inheritdoc ICaesarToken
    function stabilityReserve() external view returns (address) {
        return _reserve;
    }

    /// @inheritdoc ICaesarToken
    function stabilityGate() external view returns (address) {
        return _gate;
    }

    /// @notice The registry the parameters are read from.
    function registry() external view returns (IParameterRegistry) {
        return _registry;
    }

    /// @notice The factor sources (address(0) = neutral).
    function factorSources() external view returns (address liquidityFeed, address volatilityFeed, address stability) {
        return (_liquidityFeed, _volatilityFeed, _stabilitySource);
    }

    /// @inheritdoc ICaesarToken
    function quoteTransfer(address from, address to, uint256 amount) external view returns (Quote memory) {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        (Clock memory c, , , ) = _advanced();
        Plan memory p = _plan(from, to, amount, c, _params, _NEUTRAL);
        return Quote(p.fee, p.penalty, p.demurrage, p.net);
    }

    /// @inheritdoc ICaesarToken
    function quoteAuthorized(
        address from,
        address to,
        uint256 amount,
        uint256 regionalBps
    ) external view returns (Quote memory) {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        (Clock memory c, , , ) = _advanced();
        Plan memory p = _plan(from, to, amount, c, _params, regionalBps);
        return Quote(p.fee, p.penalty, p.demurrage, p.net);
    }

    // ---------------------------------------------------------------- actions

    /// @inheritdoc ICaesarToken
    function transferAll(address to) external returns (uint256 net) {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        address from = _msgSender();
        return _move(from, to, balanceOf(from));
    }

    /// @inheritdoc ICaesarToken
    function transferFromAuthorized(
        address from,
        address to,
        uint256 amount,
        uint256 maxCharge,
        uint256 regionalBps
    ) external onlyRole(PROCESSOR_ROLE) returns (Quote memory q) {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        Plan memory p = _moveAuthorized(from, to, amount, maxCharge, regionalBps);
        return Quote(p.fee, p.penalty, p.demurrage, p.net);
    }

    /// @inheritdoc ICaesarToken
    function settle() external returns (uint256 amount) {
        Clock memory c = _tick(false);
        amount = _accrual(c);
        address d = _distributor;
        _accounts[d] += amount;
        _nominal += amount;
        emit AccrualSettled(d, amount);
    }

    /// @inheritdoc ICaesarToken
    function syncPool(address pool) external returns (uint256 decay) {
        Clock memory c = _tick(false);
        uint256 w = _accounts[pool];
        Kind k = _kind(w);
        if (k != Kind.Pool) revert CaesarNotAPool(pool, k);
        uint256 syncDay = (w >> 200) & _M24;
        if (syncDay >= c.day) revert CaesarPoolAlreadySynced(pool, syncDay);
        uint256 balance = w & _M128;
        uint256 after_ = (balance * c.index) / ((w >> 136) & _M64);
        decay = balance - after_;
        _accounts[pool] = _poolWord(after_, c.index, c.day);
        _nominal -= decay;
        emit PoolSynced(pool, decay, c.day, c.index);
        IUniswapV2PairSync(pool).sync();
    }

    /// @inheritdoc ICaesarToken
    function refreshParameters() external {
        _refreshParameters();
    }

    /// @inheritdoc ICaesarToken
    function refreshFactors() external {
        IParameterRegistry r = _registry;
        uint256 heartbeat = r.get(CaesarParams.FEES_FEED_HEARTBEAT);
        uint256 liq = _readFactor(
            _liquidityFeed,
            heartbeat,
            r.get(CaesarParams.FEES_LIQUIDITY_MIN_BPS),
            r.get(CaesarParams.FEES_LIQUIDITY_MAX_BPS)
        );
        uint256 vol = _readFactor(
            _volatilityFeed,
            heartbeat,
            r.get(CaesarParams.FEES_VOLATILITY_MIN_BPS),
            r.get(CaesarParams.FEES_VOLATILITY_MAX_BPS)
        );
        uint256 stab = _readStability(
            r.get(CaesarParams.FEES_STABILITY_THRESHOLD_BPS),
            r.get(CaesarParams.FEES_STABILITY_MULTIPLIER_BPS)
        );
        uint256 mask = ~((_M16 << 96) | (_M16 << 112) | (_M16 << 128));
        _params = (_params & mask) | (liq << 96) | (vol << 112) | (stab << 128);
        emit FactorsRefreshed(liq, vol, stab);
    }

    /// @inheritdoc ICaesarToken
    function setKind(address account, Kind kind) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (account == address(0)) revert CaesarZeroAddress();
        if (kind != Kind.Exempt && (account == _distributor || account == _reserve)) {
            revert CaesarParameterInvalid(bytes32(uint256(uint160(account))), uint256(kind));
        }
        _setKind(account, kind);
    }

    /// @inheritdoc ICaesarToken
    function setFeeDistributor(address distributor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (distributor == address(0)) revert CaesarZeroAddress();
        if (_kind(_accounts[distributor]) != Kind.Exempt) _setKind(distributor, Kind.Exempt);
        _distributor = distributor;
        emit FeeDistributorChanged(distributor);
    }

    /// @inheritdoc ICaesarToken
    function setStabilityReserve(address reserve) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (reserve == address(0)) revert CaesarZeroAddress();
        if (_kind(_accounts[reserve]) != Kind.Exempt) _setKind(reserve, Kind.Exempt);
        _reserve = reserve;
        emit StabilityReserveChanged(reserve);
    }

    /// @inheritdoc ICaesarToken
    function setStabilityGate(address gate) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (gate != address(0) && _kind(_accounts[gate]) != Kind.Exempt) _setKind(gate, Kind.Exempt);
        _gate = gate;
        emit StabilityGateChanged(gate);
    }

    /// @inheritdoc ICaesarToken
    function setFactorSources(
        address liquidityFeed,
        address volatilityFeed,
        address stabilitySource
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _liquidityFeed = liquidityFeed;
        _volatilityFeed = volatilityFeed;
        _stabilitySource = stabilitySource;
        emit FactorSourcesChanged(liquidityFeed, volatilityFeed, stabilitySource);
    }

    /// @inheritdoc AccessControl
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ICaesarToken).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- transfer core

    /// @dev Every balance change of a transfer goes through here (OZ `_transfer` checked both addresses). There is
    /// no mint or burn after genesis.
    function _update(address from, address to, uint256 value) internal virtual override {
        if (from == address(0) || to == address(0)) revert CaesarNoMintOrBurn();
        if (!_fastMove(from, to, value)) _move(from, to, value);
    }

    /// @dev The common transfer on the stack: between two different decaying accounts, a non-zero amount, on a day
    /// and congestion window the clock already stands on, not a rapid trade. It does exactly what `_move` does for
    /// such a transfer (the fee at a neutral regional factor, no penalty, the same conversions, words, clock and
    /// events; `CaesarTokenPathSwitch` runs the same transfers through `_move` and a test compares every word), without
    /// the `Clock`/`Plan` structs in memory. Returns false, having written nothing, when any condition fails.
    function _fastMove(address from, address to, uint256 value) internal virtual returns (bool) {
        if (value == 0 || from == to) return false;
        uint256 clk = _clock;
        uint256 prm = _params;
        uint256 fw;
        uint256 tw;
        uint256 nowRel;
        // Unchecked: the genesis is in the past, the window length is at least MIN_CONGESTION_WINDOW, and a stamped
        // receipt is never in the future.
        unchecked {
            nowRel = block.timestamp - _genesis;
            if (clk & _M24 != nowRel / DAY || (clk >> 216) & _M8 != (nowRel % DAY) / ((prm >> 232) & _M24)) {
                return false;
            }
            fw = _accounts[from];
            tw = _accounts[to];
            // Kind.Decaying is 0: both kind bytes clear.
            if ((fw | tw) & (_M8 << 128) != 0) return false;
            ++nowRel; // seconds since genesis plus one, as stored
            uint256 lastReceipt = (fw >> 136) & _M32;
            if (lastReceipt != 0 && nowRel - lastReceipt < (prm >> 144) & _M24) return false;
        }
        _fastWrite(from, to, value, fw, tw, clk, _feeOf(value, prm, clk >> 240, _NEUTRAL), nowRel);
        return true;
    }

    /// @dev The conversions, writes and events of `_fastMove` (`nowRel` is seconds since genesis plus one).
    function _fastWrite(
        address from,
        address to,
        uint256 value,
        uint256 fw,
        uint256 tw,
        uint256 clk,
        uint256 fee,
        uint256 nowRel
    ) private {
        uint256 idx = (clk >> 24) & _M64;
        uint256 debit;
        {
            uint256 base = fw & _M128;
            uint256 balance = base.toAmountDown(idx);
            if (value > balance) revert ERC20InsufficientBalance(from, balance, value);
            debit = value == balance ? base : value.toBaseUp(idx);
        }
        uint256 net;
        uint256 added;
        // Unchecked as in `_debit` and `_credit`: debit <= base, fee <= value / 10, base units below 2^128.
        unchecked {
            _accounts[from] = fw - debit;
            added = (value - fee).toBaseDown(idx);
            uint256 before = tw & _M128;
            net = (before + added).toAmountDown(idx) - before.toAmountDown(idx);
            // The credit is at least 1 wei (the fee is at most a tenth of a non-zero amount): stamp the receipt.
            _accounts[to] = ((tw + added) & ~(_M32 << 136)) | (nowRel << 136);
        }
        uint256 tb = (clk >> 88) & _M128;
        uint256 tbAfter;
        unchecked {
            tbAfter = tb - debit + added;
            uint256 count = (clk >> 224) & _M16;
            if (count < _M16) ++count;
            _clock = (clk & ~((_M128 << 88) | (_M16 << 224))) | (tbAfter << 88) | (count << 224);
        }
        emit Transfer(from, to, net);
        // What the accrual gained: the base units that left the decaying supply, in wei rounded as `accrued()` does.
        // Checked: never below zero (the base units that left are worth at least the fee).
        uint256 rounding = tb.toAmountUp(idx) - tbAfter.toAmountUp(idx) - fee;
        if (fee | rounding != 0) emit TransferCharged(from, fee, 0, rounding);
    }

    /// @dev The fee of a transfer between fee-paying accounts at the cached factors, `congestionBps` and the regional
    /// factor `regionalBps` (neutral except on the processor's path; clamped by CaesarFeeMath) (both paths charge
    /// through here).
    function _feeOf(
        uint256 value,
        uint256 prm,
        uint256 congestionBps,
        uint256 regionalBps
    ) private pure returns (uint256) {
        return
            CaesarFeeMath.feeAt(
                value,
                CaesarFeeMath.rateOf(
                    prm & _M16,
                    (prm >> 96) & _M16,
                    (prm >> 112) & _M16,
                    (prm >> 128) & _M16,
                    congestionBps,
                    regionalBps
                ),
                (prm >> 32) & _M64,
                (prm >> 16) & _M16
            );
    }

    /// @dev Accrue the clock, plan, write the two accounts, the clock and (for nominal accounts) the nominal
    /// total, credit a penalty to the reserve, emit.
    function _move(address from, address to, uint256 value) internal virtual returns (uint256) {
        Clock memory c = _tick(true);
        Plan memory p = _plan(from, to, value, c, _params, _NEUTRAL);
        _apply(from, to, c, p);
        return p.net;
    }

    /// @dev `_move` for the processor: the same path at the regional factor `regionalBps`, reverting
    /// `CaesarChargeAboveMax` when fee + penalty exceed `maxCharge` (before any write).
    function _moveAuthorized(
        address from,
        address to,
        uint256 value,
        uint256 maxCharge,
        uint256 regionalBps
    ) internal returns (Plan memory p) {
        Clock memory c = _tick(true);
        p = _plan(from, to, value, c, _params, regionalBps);
        if (p.fee + p.penalty > maxCharge) revert CaesarChargeAboveMax(from, p.fee + p.penalty, maxCharge);
        _apply(from, to, c, p);
    }

    /// @dev The writes and events of a planned transfer.
    function _apply(address from, address to, Clock memory c, Plan memory p) private {
        _accounts[from] = p.fromWord;
        _accounts[to] = p.toWord;
        if (p.fromFlow != 0) _flows[from] = p.fromFlow;
        if (p.toFlow != 0) _flows[to] = p.toFlow;
        // What the accrual gained beyond the fee: accrued() = supply - nominal - ceil(totalBase x index) (>= 0: the
        // base units that left cover at least the fee and the penalty).
        uint256 rounding =
            c.totalBase.toAmountUp(c.index) + p.nominalOut - p.totalBase.toAmountUp(c.index) - p.nominalIn - p.fee;
        c.totalBase = p.totalBase;
        _clock = _packClock(c);
        if (p.penalty > 0) _accounts[_reserve] += p.penalty;
        if (p.nominalIn != p.nominalOut) _nominal = _nominal + p.nominalIn - p.nominalOut;
        emit Transfer(from, to, p.net);
        if (p.rapidCount > 0) emit RapidTrade(from, p.rapidCount, p.penaltyBps);
        if (p.fee | p.penalty | rounding != 0) emit TransferCharged(from, p.fee, p.penalty, rounding);
    }

    /// @dev The whole effect of a transfer of `value` at clock `c`, without writing (shared by `quoteTransfer`).
    function _plan(
        address from,
        address to,
        uint256 value,
        Clock memory c,
        uint256 prm,
        uint256 regionalBps
    ) internal view virtual returns (Plan memory p) {
        uint256 fw = _accounts[from];
        uint256 tw = from == to ? fw : _accounts[to];
        Kind kf = _kind(fw);
        Kind kt = _kind(tw);
        if (value != 0 && !_feeless(kf) && !_feeless(kt)) {
            p.fee = _feeOf(value, prm, c.congestion, regionalBps);
            if (kf == Kind.Decaying) fw = _speculate(fw, prm, value, p);
        }
        p.totalBase = c.totalBase;
        fw = _debit(from, fw, kf, value, c.index, p);
        p.fromWord = fw;
        // Credit the receiver after the debit, so that a self-transfer composes.
        p.toWord = _credit(from == to ? fw : tw, kt, value, c.index, p);
        if (value != 0 && from != to) {
            // After the debit: value <= balance < 2^128 (the supply bound), so the casts are exact.
            if (kf == Kind.Pool) {
                p.fromFlow = _flowAfter(from, -int256(value));
                _askGate(from, true);
            }
            if (kt == Kind.Pool) {
                p.toFlow = _flowAfter(to, int256(value));
                _askGate(to, false);
            }
        }
    }

    /// @dev The sender's new word; records the base units or nominal wei leaving and the debit's rounding.
    /// Unchecked: debit <= base because value <= balance, and the sender keeps balance - value - rounding >= 0.
    function _debit(
        address from,
        uint256 fw,
        Kind kf,
        uint256 value,
        uint256 index_,
        Plan memory p
    ) private pure returns (uint256) {
        uint256 base = fw & _M128;
        unchecked {
            if (_decays(kf)) {
                uint256 balance = base.toAmountDown(index_);
                if (value > balance) revert ERC20InsufficientBalance(from, balance, value);
                uint256 debit = value == balance ? base : value.toBaseUp(index_);
                uint256 left = base - debit;
                p.demurrage = balance - value - left.toAmountDown(index_);
                p.totalBase -= debit;
                return (fw & ~_M128) | left;
            }
            if (value > base) revert ERC20InsufficientBalance(from, base, value);
            p.nominalOut = value;
            return fw - value;
        }
    }

    /// @dev The receiver's new word; records what it gains and the credit's rounding, and stamps its receipt.
    /// Unchecked: fee + penalty <= value (see `_speculate`), and base units stay below 2^128 by the supply bound.
    function _credit(uint256 tw, Kind kt, uint256 value, uint256 index_, Plan memory p) private view returns (uint256) {
        unchecked {
            uint256 credit = value - p.fee - p.penalty;
            p.nominalIn = p.penalty; // the penalty goes to the reserve's nominal balance
            if (_decays(kt)) {
                uint256 before = tw & _M128;
                uint256 added = credit.toBaseDown(index_);
                uint256 net = (before + added).toAmountDown(index_) - before.toAmountDown(index_);
                p.net = net;
                p.demurrage += credit - net;
                p.totalBase += added;
                tw += added;
                if (credit != 0) tw = (tw & ~(_M32 << 136)) | ((block.timestamp - _genesis + 1) << 136);
                return tw;
            }
            p.net = credit;
            p.nominalIn += credit;
            return tw + credit;
        }
    }

    /// @dev Rapid-trade rule on a decaying sender: a transfer out within the holding period after the last receipt
    /// counts; beyond the threshold of the window it pays the growing penalty.
    function _speculate(uint256 fw, uint256 prm, uint256 value, Plan memory p) private view returns (uint256) {
        uint256 lastReceipt = (fw >> 136) & _M32;
        uint256 nowRel = _nowRel();
        if (lastReceipt == 0 || nowRel - lastReceipt >= (prm >> 144) & _M24) return fw;
        uint256 count = (fw >> 168) & _M8;
        uint256 start = (fw >> 176) & _M32;
        if (start == 0 || nowRel - start >= (prm >> 168) & _M24) {
            start = nowRel;
            count = 0;
        }
        if (count < _M8) ++count;
        p.rapidCount = count;
        p.penaltyBps = CaesarFeeMath.penaltyBps(count, (prm >> 192) & _M8, (prm >> 200) & _M16, (prm >> 216) & _M16);
        if (p.penaltyBps > 0) {
            p.penalty = CaesarFeeMath.penalty(value, p.penaltyBps);
            // The fee and the penalty never exceed the amount: the fee is at most 10%, the penalty at most 20%
            // rounded up, and for amounts of 1 wei the fee rounds to 0.
            if (p.fee + p.penalty > value) p.penalty = value - p.fee;
        }
        return (fw & ~((_M8 << 168) | (_M32 << 176))) | (count << 168) | (start << 176);
    }

    /// @dev `pool`'s net-flow word after a transfer of `delta` wei in (negative: out), reverting beyond the limit. A
    /// window that ended is replaced by one starting now, from zero.
    function _flowAfter(address pool, int256 delta) private view returns (uint256) {
        uint256 w = _flows[pool];
        uint256 fp = _flowParams;
        uint256 nowRel = _nowRel();
        uint256 start = w & _M32;
        int256 net;
        if (start != 0 && nowRel - start < fp >> 128) net = int256(int128(uint128(w >> 32)));
        else start = nowRel;
        net += delta;
        uint256 limit = fp & _M128;
        if (net > int256(limit) || net < -int256(limit)) revert CaesarNetFlowLimit(pool, net, limit);
        return start | (uint256(uint128(int128(net))) << 32);
    }

    /// @dev A direct trade on `pool` (`buy`: CAESAR leaving it) asks the gate, which reverts to refuse it (its error
    /// bubbles up). One SLOAD and, with a gate, one STATICCALL: pool transfers only.
    function _askGate(address pool, bool buy) private view {
        address g = _gate;
        if (g != address(0)) IStabilityHook(g).checkPoolTrade(pool, buy);
    }

    // ---------------------------------------------------------------- clock

    /// @dev The clock advanced to now (view): the index of today, the congestion window rolled. `rolled` tells
    /// whether a window ended and moved the congestion factor; `ended` is the count of the window that ended.
    function _advanced() internal view returns (Clock memory c, bool dayMoved, bool rolled, uint256 ended) {
        c = _unpackClock(_clock);
        uint256 nowRel = block.timestamp - _genesis;
        uint256 day = nowRel / DAY;
        uint256 window = (_params >> 232) & _M24;
        uint256 slot = (nowRel % DAY) / window;
        if (day == c.day && slot == c.slot) return (c, false, false, 0);
        uint256 elapsed;
        {
            uint256 perDay = DAY / window;
            elapsed = day * perDay + slot - (c.day * perDay + c.slot);
        }
        uint256 rare = _rare;
        if (day != c.day) {
            c.index = DemurrageMath.indexAfter((rare >> 64) & _M64, rare & _M64, day - ((rare >> 128) & _M24));
            dayMoved = true;
        }
        // A new day or a new slot is a later window (slots are re-aligned when the window length changes).
        ended = c.count;
        uint256 before = c.congestion;
        c.congestion = CaesarFeeMath.nextCongestion(
            c.congestion,
            c.count,
            (rare >> 152) & _M32,
            (rare >> 184) & _M16,
            (rare >> 200) & _M16,
            elapsed
        );
        rolled = c.congestion != before;
        c.count = 0;
        c.slot = slot;
        c.day = day;
    }

    /// @dev Advances and stores the clock; counts a transfer when `counting` (the caller stores it then). Emits the
    /// index and congestion events.
    function _tick(bool counting) internal returns (Clock memory c) {
        bool dayMoved;
        bool rolled;
        uint256 ended;
        (c, dayMoved, rolled, ended) = _advanced();
        if (dayMoved) emit DemurrageIndexed(c.day, c.index, c.totalBase);
        if (rolled) emit CongestionUpdated(ended, c.congestion);
        if (counting) {
            if (c.count < _M16) ++c.count;
        } else {
            _clock = _packClock(c);
        }
    }

    /// @dev The accrual at clock `c`: supply - nominal balances - ceil(totalBase x index) (the ledger identity).
    function _accrual(Clock memory c) private view returns (uint256) {
        return _supply - _nominal - c.totalBase.toAmountUp(c.index);
    }

    /// @dev Seconds since genesis plus one (0 means never).
    function _nowRel() private view returns (uint256) {
        return block.timestamp - _genesis + 1;
    }

    // ---------------------------------------------------------------- governance internals

    function _setKind(address account, Kind kind) internal {
        Clock memory c = _tick(false);
        uint256 w = _accounts[account];
        Kind old = _kind(w);
        if (old == kind) revert CaesarKindUnchanged(account, kind);
        // The accrual before, to report what the change adds to it (`rounding`, besides a pool's decay).
        uint256 accruedBefore = _accrual(c);
        uint256 poolDecay;
        uint256 balance = w & _M128;
        if (_decays(old)) {
            c.totalBase -= balance;
            balance = balance.toAmountDown(c.index);
        } else {
            if (old == Kind.Pool) {
                uint256 after_ = (balance * c.index) / ((w >> 136) & _M64);
                poolDecay = balance - after_;
                emit PoolSynced(account, poolDecay, c.day, c.index);
                balance = after_;
            }
            _nominal = _nominal - (w & _M128);
        }
        if (_decays(kind)) {
            uint256 base = balance.toBaseDown(c.index);
            c.totalBase += base;
            _accounts[account] = base | _kindBits(kind);
        } else {
            _nominal += balance;
            _accounts[account] = kind == Kind.Pool ? _poolWord(balance, c.index, c.day) : balance | _kindBits(kind);
        }
        _clock = _packClock(c);
        uint256 rounding = _accrual(c) - accruedBefore - poolDecay;
        emit AccountKindChanged(account, old, kind, balance, rounding);
    }

    function _refreshParameters() internal {
        Clock memory c = _tick(false);
        IParameterRegistry r = _registry;
        uint256 rateBps = r.get(CaesarParams.TOKEN_DEMURRAGE_BPS);
        uint256 g = DemurrageMath.dailyFactor(rateBps);
        _refreshRare(r, g, c);
        uint256 window = r.get(CaesarParams.FEES_CONGESTION_WINDOW);
        if (window < MIN_CONGESTION_WINDOW || DAY % window != 0) {
            revert CaesarParameterInvalid(CaesarParams.FEES_CONGESTION_WINDOW, window);
        }
        uint256 oldWindow = (_params >> 232) & _M24;
        _params = _readParams(r, window);
        uint256 flowWindow = r.get(CaesarParams.ANTISPEC_NET_FLOW_WINDOW);
        if (flowWindow == 0) revert CaesarParameterInvalid(CaesarParams.ANTISPEC_NET_FLOW_WINDOW, 0);
        _flowParams =
            _fit(
                CaesarParams.ANTISPEC_NET_FLOW_LIMIT,
                r.get(CaesarParams.ANTISPEC_NET_FLOW_LIMIT),
                DemurrageMath.MAX_SUPPLY
            ) | (_fit(CaesarParams.ANTISPEC_NET_FLOW_WINDOW, flowWindow, _M32) << 128);
        if (oldWindow != window) {
            // Re-align the window slot of the day under the new length (the count carries over).
            c.slot = ((block.timestamp - _genesis) % DAY) / window;
            _clock = _packClock(c);
        }
        emit ParametersRefreshed(rateBps, g);
    }

    /// @dev The rarely read slot: a new daily factor re-anchors the index today at today's index; the congestion
    /// target, step and maximum.
    function _refreshRare(IParameterRegistry r, uint256 g, Clock memory c) private {
        uint256 rare = _rare;
        if (g != (rare & _M64)) rare = g | (c.index << 64) | (c.day << 128);
        _rare =
            (rare & (_M64 | (_M64 << 64) | (_M24 << 128))) |
            (_fit(CaesarParams.FEES_CONGESTION_TARGET, r.get(CaesarParams.FEES_CONGESTION_TARGET), _M32) << 152) |
            (_fit(CaesarParams.FEES_CONGESTION_STEP_BPS, r.get(CaesarParams.FEES_CONGESTION_STEP_BPS), BPS) << 184) |
            (_fit(
                CaesarParams.FEES_CONGESTION_MAX_BPS,
                r.get(CaesarParams.FEES_CONGESTION_MAX_BPS),
                CaesarFeeMath.CONGESTION_MAX
            ) << 200);
    }

    /// @dev The transfer parameters slot, keeping the cached factors.
    function _readParams(IParameterRegistry r, uint256 window) private view returns (uint256 prm) {
        prm = _params & ((_M16 << 96) | (_M16 << 112) | (_M16 << 128));
        prm |= _fit(CaesarParams.FEES_BASE_BPS, r.get(CaesarParams.FEES_BASE_BPS), CaesarFeeMath.MAX_FEE_BPS);
        prm |= _fit(CaesarParams.FEES_MAX_BPS, r.get(CaesarParams.FEES_MAX_BPS), CaesarFeeMath.MAX_FEE_BPS) << 16;
        prm |= _fit(CaesarParams.FEES_MIN_FEE, r.get(CaesarParams.FEES_MIN_FEE), _M64) << 32;
        prm |= _fit(CaesarParams.ANTISPEC_HOLDING_PERIOD, r.get(CaesarParams.ANTISPEC_HOLDING_PERIOD), _M24) << 144;
        prm |= _fit(CaesarParams.ANTISPEC_WINDOW, r.get(CaesarParams.ANTISPEC_WINDOW), _M24) << 168;
        prm |= _fit(CaesarParams.ANTISPEC_THRESHOLD, r.get(CaesarParams.ANTISPEC_THRESHOLD), _M8) << 192;
        prm |= _fit(CaesarParams.ANTISPEC_STEP_BPS, r.get(CaesarParams.ANTISPEC_STEP_BPS), BPS) << 200;
        uint256 cap = r.get(CaesarParams.ANTISPEC_CAP_BPS);
        prm |= _fit(CaesarParams.ANTISPEC_CAP_BPS, cap, CaesarFeeMath.MAX_PENALTY_BPS) << 216;
        prm |= window << 232;
    }

    /// @dev `value` if it is at most `max`, else a revert naming `key`.
    function _fit(bytes32 key, uint256 value, uint256 max) private pure returns (uint256) {
        if (value > max) revert CaesarParameterInvalid(key, value);
        return value;
    }

    /// @dev A feed factor: the FeedReader value in bps (4 decimals) clamped to [lo, hi]; neutral when the feed is
    /// unset, stale, or otherwise not Ok.
    function _readFactor(address feed, uint256 heartbeat, uint256 lo, uint256 hi) private view returns (uint256) {
        if (feed == address(0)) return _NEUTRAL;
        (IFeedReader.Status status, uint256 value, ) = FeedReader.tryRead(
            AggregatorV3Interface(feed),
            heartbeat,
            0,
            type(uint16).max,
            4
        );
        if (status != IFeedReader.Status.Ok) return _NEUTRAL;
        return CaesarFeeMath.clamp(value, lo, hi);
    }

    /// @dev The stability term from the source; neutral when unset, reverting or returning short data.
    function _readStability(uint256 threshold, uint256 multiplier) private view returns (uint256) {
        address src = _stabilitySource;
        if (src == address(0)) return _NEUTRAL;
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = src.staticcall(abi.encodeCall(IStabilityFactor.stabilityFactor, ()));
        if (!ok || data.length < 64) return _NEUTRAL;
        (uint256 factor, uint256 deviation) = abi.decode(data, (uint256, uint256));
        return CaesarFeeMath.stabilityTerm(factor, deviation, threshold, multiplier);
    }

    // ---------------------------------------------------------------- packing

    function _kind(uint256 w) internal pure returns (Kind) {
        return Kind((w >> 128) & _M8);
    }

    /// @dev Decaying and FeeFree accounts hold base units.
    function _decays(Kind k) internal pure returns (bool) {
        return k == Kind.Decaying || k == Kind.FeeFree;
    }

    /// @dev Exempt and FeeFree accounts pay and cause no fee and no penalty.
    function _feeless(Kind k) internal pure returns (bool) {
        return k == Kind.Exempt || k == Kind.FeeFree;
    }

    function _kindBits(Kind k) private pure returns (uint256) {
        return uint256(k) << 128;
    }

    function _poolWord(uint256 balance, uint256 idx, uint256 day) private pure returns (uint256) {
        return balance | _kindBits(Kind.Pool) | (idx << 136) | (day << 200);
    }

    function _packClock(Clock memory c) private pure returns (uint256) {
        return
            c.day | (c.index << 24) | (c.totalBase << 88) | (c.slot << 216) | (c.count << 224) | (c.congestion << 240);
    }

    function _unpackClock(uint256 w) private pure returns (Clock memory c) {
        c.day = w & _M24;
        c.index = (w >> 24) & _M64;
        c.totalBase = (w >> 88) & _M128;
        c.slot = (w >> 216) & _M8;
        c.count = (w >> 224) & _M16;
        c.congestion = w >> 240;
    }

    function _unpackParams(uint256 w) private pure returns (Params memory p) {
        p.baseBps = w & _M16;
        p.maxFeeBps = (w >> 16) & _M16;
        p.minFee = (w >> 32) & _M64;
        p.liquidity = (w >> 96) & _M16;
        p.volatility = (w >> 112) & _M16;
        p.stability = (w >> 128) & _M16;
        p.holding = (w >> 144) & _M24;
        p.specWindow = (w >> 168) & _M24;
        p.threshold = (w >> 192) & _M8;
        p.specStep = (w >> 200) & _M16;
        p.specCap = (w >> 216) & _M16;
        p.congWindow = (w >> 232) & _M24;
    }
}
