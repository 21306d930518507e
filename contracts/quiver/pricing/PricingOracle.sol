// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPricingOracle} from "./IPricingOracle.sol";
import {IPricingFeed} from "./IPricingFeed.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {QuiverParams} from "../QuiverParams.sol";
import {PricingMath} from "./PricingMath.sol";
import {BPS, WAD} from "../../utils/Constants.sol";

/// @title PricingOracle
/// @notice Reference prices per model size class from smoothed demand and supply, and the adaptive network fee.
/// @dev Design (formulas in IPricingOracle and PricingMath): `recordSettlement` only adds a settled job's weighted
/// demand and supply to per-class counters, so the marketplace pays one storage write; `poke` folds the counters of
/// the elapsed time into the EMAs, moves each price by a bounded step and adjusts the fee, at most once per update
/// interval. The loop runs over at most MAX_SIZE_CLASSES classes configured by governance (not user controlled). A
/// price never reaches zero because the floor is positive and every update ends with a clamp into `[floor,
/// ceiling]`; counters saturate at (2^64 - 1) x 10^18 so that an update can never overflow (samples stay below
/// 2^124, within the uint128 EMAs).
contract PricingOracle is AccessControl, IPricingOracle {
    /// @inheritdoc IPricingOracle
    bytes32 public constant PRICING_ADMIN_ROLE = keccak256("PRICING_ADMIN_ROLE");
    /// @inheritdoc IPricingOracle
    bytes32 public constant MARKET_ROLE = keccak256("MARKET_ROLE");
    /// @inheritdoc IPricingOracle
    uint8 public constant MAX_SIZE_CLASSES = 8;

    /// @dev Largest pending demand or supply per update ((2^64 - 1) jobs with 18 decimals); larger reports saturate.
    uint256 private constant _MAX_UNITS = uint256(type(uint64).max) * WAD;
    /// @dev Largest bid count a report multiplies by (the marketplace's own count saturates at 2^16 - 1).
    uint256 private constant _MAX_BIDS = type(uint64).max;

    IParameterRegistry private immutable _registry;

    mapping(uint8 sizeClass => SizeClass) private _classes;
    /// @dev Bit i set when size class i is configured.
    uint8 private _classMask;
    uint64 private _lastUpdate;
    /// @dev Network fee in bps with 18 decimals (capped at 2^128 - 1 when written, see `_updateFee`).
    uint128 private _feeBpsWad;

    /// @param admin receives DEFAULT_ADMIN_ROLE and PRICING_ADMIN_ROLE (the deploy module; the timelock at merge)
    /// @param registry_ the ParameterRegistry holding `quiver.pricing.*`
    /// @param initialFeeBps starting network fee in bps (clamped to the registry bounds at the first update)
    constructor(address admin, IParameterRegistry registry_, uint256 initialFeeBps) {
        if (admin == address(0) || address(registry_) == address(0)) revert PricingZeroAddress();
        if (initialFeeBps > BPS) revert PricingInvalidFee(initialFeeBps);
        _registry = registry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PRICING_ADMIN_ROLE, admin);
        // initialFeeBps <= 10,000, so the product fits in 128 bits.
        _feeBpsWad = uint128(initialFeeBps * WAD);
        _lastUpdate = uint64(block.timestamp);
    }

    /// @inheritdoc IPricingFeed
    function referencePrice(uint8 sizeClass) external view returns (uint256) {
        return _configured(sizeClass).price;
    }

    /// @inheritdoc IPricingFeed
    function networkFeeBps() external view returns (uint256) {
        return Math.ceilDiv(_feeBpsWad, WAD);
    }

    /// @inheritdoc IPricingFeed
    function recordSettlement(uint8 sizeClass, uint256 price, uint256 bids) external onlyRole(MARKET_ROLE) {
        SizeClass storage c = _configured(sizeClass);
        // A price below 2^128 (the marketplace's are uint128) over a reference price >= 1 weighs below 2^188, so the
        // supply stays below 2^252 and each sum (plus a pending value <= _MAX_UNITS < 2^125) cannot overflow; the
        // checked arithmetic reverts rather than wraps for absurd inputs from another MARKET_ROLE holder.
        uint256 demand = PricingMath.jobWeight(price, c.price);
        uint256 supply = demand * Math.min(bids, _MAX_BIDS);
        c.pendingDemand = uint128(Math.min(c.pendingDemand + demand, _MAX_UNITS));
        c.pendingSupply = uint128(Math.min(c.pendingSupply + supply, _MAX_UNITS));
        emit SettlementRecorded(sizeClass, demand, supply);
    }

    /// @inheritdoc IPricingOracle
    function setSizeClass(
        uint8 sizeClass,
        uint256 baseRate,
        uint256 floor,
        uint256 ceiling
    ) external onlyRole(PRICING_ADMIN_ROLE) {
        if (sizeClass >= MAX_SIZE_CLASSES) revert PricingSizeClassOutOfRange(sizeClass, MAX_SIZE_CLASSES);
        if (floor == 0 || floor > baseRate || baseRate > ceiling || ceiling > type(uint128).max) {
            revert PricingInvalidSizeClass(msg.sender, sizeClass, baseRate, floor, ceiling);
        }
        SizeClass storage c = _classes[sizeClass];
        (uint256 oldBase, uint256 oldFloor, uint256 oldCeiling) = (c.baseRate, c.floor, c.ceiling);
        // All three are < 2^128 (checked above).
        c.baseRate = uint128(baseRate);
        c.floor = uint128(floor);
        c.ceiling = uint128(ceiling);
        c.price = uint128(oldBase == 0 ? baseRate : PricingMath.clamp(c.price, floor, ceiling));
        _classMask |= uint8(1 << sizeClass);
        emit SizeClassConfigured(sizeClass, oldBase, oldFloor, oldCeiling, baseRate, floor, ceiling);
    }

    /// @inheritdoc IPricingOracle
    function poke() external {
        uint256 interval = _registry.get(QuiverParams.PRICING_UPDATE_INTERVAL);
        uint256 last = _lastUpdate;
        if (block.timestamp < last + interval)
            revert PricingUpdateTooEarly(msg.sender, block.timestamp, last + interval);
        uint256 elapsed = block.timestamp - last;
        uint256 alpha = _registry.get(QuiverParams.PRICING_EMA_ALPHA_BPS);
        uint256 maxStep = _registry.get(QuiverParams.PRICING_MAX_STEP_BPS);

        uint256 totalDemand;
        uint256 totalSupply;
        uint8 mask = _classMask;
        for (uint8 i = 0; i < MAX_SIZE_CLASSES; ++i) {
            if (mask & (1 << i) == 0) continue;
            (uint256 d, uint256 s) = _updateClass(i, interval, elapsed, alpha, maxStep);
            totalDemand += d;
            totalSupply += s;
        }
        _lastUpdate = uint64(block.timestamp);
        _updateFee(PricingMath.congestionBps(totalDemand, totalSupply));
    }

    /// @inheritdoc IPricingOracle
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IPricingOracle
    function getSizeClass(uint8 sizeClass) external view returns (SizeClass memory) {
        return _classes[sizeClass];
    }

    /// @inheritdoc IPricingOracle
    function networkFeeBpsWad() external view returns (uint256) {
        return _feeBpsWad;
    }

    /// @inheritdoc IPricingOracle
    function congestionBps() external view returns (uint256) {
        uint256 totalDemand;
        uint256 totalSupply;
        for (uint8 i = 0; i < MAX_SIZE_CLASSES; ++i) {
            totalDemand += _classes[i].demandEma;
            totalSupply += _classes[i].supplyEma;
        }
        return PricingMath.congestionBps(totalDemand, totalSupply);
    }

    /// @inheritdoc IPricingOracle
    function lastUpdate() external view returns (uint256) {
        return _lastUpdate;
    }

    /// @inheritdoc IPricingOracle
    function nextUpdateAt() external view returns (uint256) {
        return _lastUpdate + _registry.get(QuiverParams.PRICING_UPDATE_INTERVAL);
    }

    /// @dev Folds the pending counters of class `i` into its EMAs and steps its price; returns the new EMAs.
    function _updateClass(
        uint8 i,
        uint256 interval,
        uint256 elapsed,
        uint256 alpha,
        uint256 maxStep
    ) private returns (uint256 demandEma, uint256 supplyEma) {
        SizeClass storage c = _classes[i];
        demandEma = PricingMath.emaStep(
            c.demandEma,
            PricingMath.ratePerInterval(c.pendingDemand, interval, elapsed),
            alpha
        );
        supplyEma = PricingMath.emaStep(
            c.supplyEma,
            PricingMath.ratePerInterval(c.pendingSupply, interval, elapsed),
            alpha
        );
        uint256 oldPrice = c.price;
        uint256 target = PricingMath.targetPrice(c.baseRate, demandEma, supplyEma);
        uint256 newPrice = PricingMath.stepPrice(oldPrice, target, maxStep, c.floor, c.ceiling);
        // EMAs are convex combinations of samples < 2^124 and the price is clamped below the uint128 ceiling.
        c.demandEma = uint128(demandEma);
        c.supplyEma = uint128(supplyEma);
        c.price = uint128(newPrice);
        c.pendingDemand = 0;
        c.pendingSupply = 0;
        emit PriceUpdated(i, oldPrice, newPrice, demandEma, supplyEma);
    }

    /// @dev Applies one congestion step to the network fee within the registry bounds.
    function _updateFee(uint256 congestion) private {
        uint256 oldFee = _feeBpsWad;
        uint256 newFee = PricingMath.nextFee(
            oldFee,
            congestion,
            _registry.get(QuiverParams.PRICING_CONGESTION_HIGH_BPS),
            _registry.get(QuiverParams.PRICING_CONGESTION_LOW_BPS),
            _registry.get(QuiverParams.PRICING_FEE_RAISE_BPS),
            _registry.get(QuiverParams.PRICING_FEE_CUT_BPS),
            _registry.get(QuiverParams.PRICING_MIN_FEE_BPS) * WAD,
            _registry.get(QuiverParams.PRICING_MAX_FEE_BPS) * WAD
        );
        // The registry bounds keep maxFeeBps <= 3,000 (3e21 with 18 decimals); the min only guards the cast should
        // governance ever widen them beyond 2^128 / 1e18 bps.
        newFee = Math.min(newFee, type(uint128).max);
        _feeBpsWad = uint128(newFee);
        emit NetworkFeeUpdated(oldFee, newFee, congestion);
    }

    /// @dev The configured class `sizeClass`; reverts with PricingUnknownSizeClass otherwise. A configured class's
    /// price is never zero (it starts at the base rate and is clamped to a positive floor), so the check reads the
    /// slot every caller reads next.
    function _configured(uint8 sizeClass) private view returns (SizeClass storage c) {
        c = _classes[sizeClass];
        if (c.price == 0) revert PricingUnknownSizeClass(sizeClass);
    }
}
