// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPricingFeed} from "./IPricingFeed.sol";

/// @title IPricingOracle
/// @notice QUIVer reference prices per model size class and the adaptive network fee.
/// @dev The three functions the marketplace reads and calls are in IPricingFeed.
/// Model: per size class the marketplace reports jobs accepted with their price escrowed (demand; a post escrows
/// nothing and is not counted, SEC-11) and eligible bids revealed (supply) with `recordActivity`. Once per `quiver.pricing.updateInterval` anyone may `poke`: each class's activity of the
/// elapsed time, normalised to one interval, is folded into an EMA of demand and of supply
/// (`quiver.pricing.emaAlphaBps` weight for the new sample); the class price moves towards
/// `baseRate x demandEma / supplyEma` by at most `quiver.pricing.maxStepBps` of itself (EIP-1559 style) and is
/// clamped to the class `[floor, ceiling]`. Congestion is the sum of demand EMAs over the sum of supply EMAs of all
/// classes: strictly above `quiver.pricing.congestionHighBps` the fee rises by `quiver.pricing.feeRaiseBps`,
/// strictly below `quiver.pricing.congestionLowBps` it falls by `quiver.pricing.feeCutBps`, then it is clamped to
/// `[quiver.pricing.minFeeBps, quiver.pricing.maxFeeBps]` (the maximum wins if governance sets min > max).
/// Powers: PRICING_ADMIN_ROLE (the timelock) configures size classes (base rate, floor, ceiling); MARKET_ROLE (the
/// marketplace) records activity; DEFAULT_ADMIN_ROLE (the timelock) manages roles. Nobody can set a price or the
/// fee directly.
/// Warning: prices only move when someone pokes; a stale oracle keeps its last price and fee (see `lastUpdate`).
/// Warning: demand and supply are counts reported by the marketplace, so wash jobs and bids move them; the EMA, the
/// per-update step bound and the class floor/ceiling bound how fast and how far. Demand costs an escrowed price
/// (and its fee legs at settlement); supply is a revealed bid of a staked provider, which may be on a free post.
interface IPricingOracle is IPricingFeed {
    /// @notice Configuration and state of one size class (4 storage slots).
    /// @param baseRate wei of QUIV per job when demand equals supply
    /// @param floor lowest reference price (wei, > 0)
    /// @param ceiling highest reference price (wei)
    /// @param price current reference price (wei)
    /// @param demandEma smoothed jobs accepted (escrowed) per update interval, 18 decimals
    /// @param supplyEma smoothed bids per update interval, 18 decimals
    /// @param pendingDemand jobs accepted since the last update (saturates at 2^64 - 1)
    /// @param pendingSupply bids since the last update (saturates at 2^64 - 1)
    struct SizeClass {
        uint128 baseRate;
        uint128 floor;
        uint128 ceiling;
        uint128 price;
        uint128 demandEma;
        uint128 supplyEma;
        uint128 pendingDemand;
        uint128 pendingSupply;
    }

    /// @notice `sizeClass` is not below `maxClasses`.
    error PricingSizeClassOutOfRange(uint8 sizeClass, uint8 maxClasses);
    /// @notice `sizeClass` was never configured.
    error PricingUnknownSizeClass(uint8 sizeClass);
    /// @notice `caller` passed a class configuration that violates `0 < floor <= baseRate <= ceiling < 2^128`.
    error PricingInvalidSizeClass(address caller, uint8 sizeClass, uint256 baseRate, uint256 floor, uint256 ceiling);
    /// @notice `caller` poked at `timestamp`, before `nextUpdateAt` (unix s).
    error PricingUpdateTooEarly(address caller, uint256 timestamp, uint256 nextUpdateAt);
    /// @notice The initial fee `feeBps` exceeds 10,000 bps.
    error PricingInvalidFee(uint256 feeBps);
    /// @notice A constructor address argument is zero.
    error PricingZeroAddress();

    /// @notice Size class `sizeClass` was configured (old values are zero for a new class); all values in wei.
    event SizeClassConfigured(
        uint8 indexed sizeClass,
        uint256 oldBaseRate,
        uint256 oldFloor,
        uint256 oldCeiling,
        uint256 baseRate,
        uint256 floor,
        uint256 ceiling
    );
    /// @notice The marketplace reported `posted` jobs and `bids` bids for `sizeClass`.
    event ActivityRecorded(uint8 indexed sizeClass, uint256 posted, uint256 bids);
    /// @notice An update moved the price of `sizeClass` from `oldPrice` to `newPrice` (wei) with the new EMAs
    /// (18 decimals).
    event PriceUpdated(
        uint8 indexed sizeClass,
        uint256 oldPrice,
        uint256 newPrice,
        uint256 demandEma,
        uint256 supplyEma
    );
    /// @notice An update moved the network fee from `oldFeeBpsWad` to `newFeeBpsWad` (bps with 18 decimals) at
    /// congestion `congestionBps`.
    event NetworkFeeUpdated(uint256 oldFeeBpsWad, uint256 newFeeBpsWad, uint256 congestionBps);

    /// @notice Role that configures size classes (the timelock).
    function PRICING_ADMIN_ROLE() external view returns (bytes32);

    /// @notice Role that records activity (the marketplace).
    function MARKET_ROLE() external view returns (bytes32);

    /// @notice Number of size classes the oracle can hold (ids 0 .. MAX_SIZE_CLASSES - 1).
    function MAX_SIZE_CLASSES() external view returns (uint8);

    /// @notice The parameter registry read for `quiver.pricing.*`.
    function registry() external view returns (address);

    /// @notice Configures size class `sizeClass` (new or existing). Only PRICING_ADMIN_ROLE.
    /// @dev A new class starts at `price = baseRate` with zero EMAs; an existing class keeps its EMAs and has its
    /// price clamped into the new `[floor, ceiling]`.
    /// @param sizeClass id below MAX_SIZE_CLASSES
    /// @param baseRate wei of QUIV per job at demand == supply
    /// @param floor lowest price in wei (> 0, <= baseRate)
    /// @param ceiling highest price in wei (>= baseRate)
    function setSizeClass(uint8 sizeClass, uint256 baseRate, uint256 floor, uint256 ceiling) external;

    /// @notice Applies one update: EMAs, prices of every configured class, and the network fee. Anyone may call,
    /// at most once per `quiver.pricing.updateInterval`.
    function poke() external;

    /// @notice Configuration and state of `sizeClass` (all zero if never configured).
    function getSizeClass(uint8 sizeClass) external view returns (SizeClass memory);

    /// @notice The network fee in bps with 18 decimals (the exact stored value).
    function networkFeeBpsWad() external view returns (uint256);

    /// @notice Current congestion in bps: sum of demand EMAs x 10,000 / sum of supply EMAs (rounded down;
    /// `type(uint256).max` with demand but no supply, 0 without any activity).
    function congestionBps() external view returns (uint256);

    /// @notice Time of the last update (unix s; the deployment time before the first).
    function lastUpdate() external view returns (uint256);

    /// @notice Earliest time of the next `poke` (unix s).
    function nextUpdateAt() external view returns (uint256);
}
