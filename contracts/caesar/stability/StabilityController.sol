// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BPS} from "../../utils/Constants.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {IStabilityFactor} from "../fees/IStabilityFactor.sol";
import {IPriceSource} from "./IPriceSource.sol";
import {IStabilityRegime} from "./IStabilityRegime.sol";
import {StabilityMath} from "./StabilityMath.sol";

/// @title StabilityController
/// @notice CAESAR's stability controller: a PI controller (RAI style, see StabilityMath) on the deviation of the
/// market price (an IPriceSource: the pool's TWAP or a feed) from the target (`caesar.stability.targetPriceWad`).
/// Its outputs are levels, never a mint: the fee engine's stability factor (CaesarToken.refreshFactors reads
/// `stabilityFactor()`), bonus/penalty levels for buys and sells, and a lower demurrage rate while the price is
/// below target (within [0, the registry rate]). Everything is readable in one `status()` call.
/// `update()` is open to anyone once per `caesar.stability.updateInterval`; the guardian can pause the
/// stabilizer (outputs neutral, updates refused), never the token.
/// Sign: a positive output means the price is above target (buys penalised, sells rewarded); negative, below.
contract StabilityController is AccessControl, IStabilityFactor, IStabilityRegime {
    /// @notice May pause and unpause the stabilizer.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Longest time step one update integrates (s): a month without updates counts as one day.
    uint256 public constant MAX_STEP = 1 days;

    /// @dev Everything about the controller, in one read.
    struct Status {
        bool paused;
        uint256 lastUpdate; // unix s
        uint256 nextUpdateAt; // unix s
        uint256 marketPriceWad; // at the last update
        uint256 targetPriceWad; // now
        int256 deviationWad; // at the last update
        int256 integral; // WAD-seconds
        int256 outputWad; // clamped PI output
        uint256 factorBps; // fee stability factor
        uint256 deviationBps; // |deviation| for the fee engine's multiplier
        uint256 buyBonusBps;
        uint256 buyPenaltyBps;
        uint256 sellBonusBps;
        uint256 sellPenaltyBps;
        uint256 demurrageBps; // the demurrage rate the controller recommends (bps per 30 days)
    }

    /// @notice `update()` at `nowTs` is before `nextAt`.
    error StabilityUpdateTooEarly(uint256 nextAt, uint256 nowTs);
    /// @notice The stabilizer is paused.
    error StabilityPaused();
    /// @notice The pause flag is already `paused`.
    error StabilityPauseUnchanged(bool paused);
    /// @notice A zero address was given.
    error StabilityZeroAddress();

    /// @notice An update read `marketPriceWad` against `targetPriceWad` and produced these controller values.
    event StabilityUpdated(
        uint256 marketPriceWad,
        uint256 targetPriceWad,
        int256 deviationWad,
        int256 integral,
        int256 outputWad,
        uint256 factorBps
    );
    /// @notice The guardian `by` set the pause flag to `paused`.
    event StabilizerPaused(address indexed by, bool paused);
    /// @notice The market price source is now `source`.
    event PriceSourceChanged(address indexed source);

    /// @notice The registry holding every `caesar.stability.*` key.
    IParameterRegistry public immutable registry;
    /// @notice The market price source.
    IPriceSource public source;

    // lastUpdate(64) | paused(8) in one slot, then the controller values.
    uint64 private _lastUpdate;
    bool private _paused;
    uint256 private _market;
    int256 private _deviation;
    int256 private _integral;
    int256 private _output;

    /// @param registry_ the CAESAR registry
    /// @param source_ the market price source
    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock: sets the source, grants GUARDIAN_ROLE)
    constructor(IParameterRegistry registry_, IPriceSource source_, address admin) {
        if (address(registry_) == address(0) || address(source_) == address(0) || admin == address(0)) {
            revert StabilityZeroAddress();
        }
        registry = registry_;
        source = source_;
        _lastUpdate = uint64(block.timestamp);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit PriceSourceChanged(address(source_));
    }

    /// @notice Reads the market price and steps the controller. Anyone, once per update interval.
    /// @return outputWad the new clamped output
    function update() external returns (int256 outputWad) {
        if (_paused) revert StabilityPaused();
        IParameterRegistry r = registry;
        uint256 last = _lastUpdate;
        uint256 next = last + r.get(CaesarParams.STABILITY_UPDATE_INTERVAL);
        if (block.timestamp < next) revert StabilityUpdateTooEarly(next, block.timestamp);
        uint256 dt = block.timestamp - last;
        if (dt > MAX_STEP) dt = MAX_STEP;
        _lastUpdate = uint64(block.timestamp);
        uint256 market = source.observe(); // the admin-set source: the pool's TWAP or a feed
        if (market > type(uint128).max) market = type(uint128).max;
        uint256 target = r.get(CaesarParams.STABILITY_TARGET_PRICE);
        StabilityMath.Step memory s = StabilityMath.step(_integral, market, target, dt, _gains(r));
        _market = market;
        _deviation = s.deviation;
        _integral = s.integral;
        _output = s.output;
        uint256 factor = BPS + StabilityMath.absBps(s.output);
        emit StabilityUpdated(market, target, s.deviation, s.integral, s.output, factor);
        return s.output;
    }

    /// @notice Pauses (`true`) or resumes the stabilizer: paused, its outputs are neutral and updates are refused.
    /// The token is never paused by this. Guardian only.
    /// @param paused_ the new flag
    function setPaused(bool paused_) external onlyRole(GUARDIAN_ROLE) {
        if (_paused == paused_) revert StabilityPauseUnchanged(paused_);
        _paused = paused_;
        emit StabilizerPaused(msg.sender, paused_);
    }

    /// @notice Sets the market price source. Admin only.
    /// @param source_ the new source
    function setPriceSource(IPriceSource source_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(source_) == address(0)) revert StabilityZeroAddress();
        source = source_;
        emit PriceSourceChanged(address(source_));
    }

    /// @inheritdoc IStabilityFactor
    function stabilityFactor() external view returns (uint256 factorBps, uint256 deviationBps) {
        if (_paused) return (BPS, 0);
        return (BPS + StabilityMath.absBps(_output), StabilityMath.absBps(_deviation));
    }

    /// @notice The three words a stability gate needs, without a registry read: the pause flag, the deviation and
    /// the clamped output at the last update (a paused controller reports both as zero: neutral).
    /// @return paused whether the stabilizer is paused
    /// @return deviationWad the deviation at the last update (0 while paused)
    /// @return outputWad the clamped output at the last update (0 while paused)
    function regime() external view returns (bool paused, int256 deviationWad, int256 outputWad) {
        if (_paused) return (true, 0, 0);
        return (false, _deviation, _output);
    }

    /// @notice The controller's state and every output in one call.
    function status() external view returns (Status memory s) {
        IParameterRegistry r = registry;
        s.paused = _paused;
        s.lastUpdate = _lastUpdate;
        s.nextUpdateAt = s.lastUpdate + r.get(CaesarParams.STABILITY_UPDATE_INTERVAL);
        s.marketPriceWad = _market;
        s.targetPriceWad = r.get(CaesarParams.STABILITY_TARGET_PRICE);
        s.deviationWad = _deviation;
        s.integral = _integral;
        s.outputWad = _output;
        uint256 base = r.get(CaesarParams.TOKEN_DEMURRAGE_BPS);
        s.demurrageBps = base;
        s.factorBps = BPS;
        if (s.paused) return s;
        uint256 level = StabilityMath.absBps(_output);
        s.factorBps = BPS + level;
        s.deviationBps = StabilityMath.absBps(_deviation);
        if (_output > 0) {
            s.buyPenaltyBps = level;
            s.sellBonusBps = level;
        } else if (_output < 0) {
            s.buyBonusBps = level;
            s.sellPenaltyBps = level;
            uint256 maxOut = r.get(CaesarParams.STABILITY_MAX_OUTPUT_BPS);
            uint256 cut = (base * level * r.get(CaesarParams.STABILITY_DEMURRAGE_GAIN_BPS)) / (maxOut * BPS);
            s.demurrageBps = cut > base ? 0 : base - cut;
        }
    }

    function _gains(IParameterRegistry r) private view returns (uint256[5] memory g) {
        g[0] = r.get(CaesarParams.STABILITY_DEADBAND_BPS);
        g[1] = r.get(CaesarParams.STABILITY_KP_BPS);
        g[2] = r.get(CaesarParams.STABILITY_KI_BPS);
        g[3] = r.get(CaesarParams.STABILITY_LEAK_BPS);
        g[4] = r.get(CaesarParams.STABILITY_MAX_OUTPUT_BPS);
    }
}
