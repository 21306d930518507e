// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPricingFeed} from "./IPricingFeed.sol";

/// @title IPricingOracle
/// @notice QUIVer reference prices per model size class and the adaptive network fee.
/// @dev The three functions the marketplace reads and calls are in IPricingFeed.
/// Model: per size class the marketplace reports each settled job with `recordSettlement`: demand is its price in
/// units of the class's reference price, supply that times the job's bids revealed at or below the reference price
/// (both with 18 decimals; nothing refunded or cancelled counts). Once per `quiver.pricing.updateInterval` anyone
/// may `poke`: each class's activity of the elapsed time, normalised to one interval, is folded into an EMA of
/// demand and of supply (`quiver.pricing.emaAlphaBps` weight for the new sample); the class price moves towards
/// `baseRate x demandEma / supplyEma` by at most `quiver.pricing.maxStepBps` of itself (EIP-1559 style) and is
/// clamped to the class `[floor, ceiling]`. Congestion is the sum of demand EMAs over the sum of supply EMAs of all
/// classes: strictly above `quiver.pricing.congestionHighBps` the fee rises by `quiver.pricing.feeRaiseBps`,
/// strictly below `quiver.pricing.congestionLowBps` it falls by `quiver.pricing.feeCutBps`, then it is clamped to
/// `[quiver.pricing.minFeeBps, quiver.pricing.maxFeeBps]` (the maximum wins if governance sets min > max).
/// Powers: PRICING_ADMIN_ROLE (the timelock) configures size classes (base rate, floor, ceiling); MARKET_ROLE (the
/// marketplace) records settled jobs; DEFAULT_ADMIN_ROLE (the timelock) manages roles. Nobody can set a price or the
/// fee directly.
/// Warning: prices only move when someone pokes; a stale oracle keeps its last price and fee (see `lastUpdate`).
/// Warning: demand and supply come from the marketplace's settled jobs, so self-served jobs still move them, but at
/// a price: a job of weight w (its price over the reference price) pays w reference prices of fees (treasury and
/// burn shares lost for good, the network share back only in proportion to the owner's stake). Supply also grows
/// with bids that lose, which cost a staked provider its locked stake and gas only; they count only at or below the
/// reference price (SIM-02), so each is an offer that wins once the price falls below what others ask. The EMA, the
/// per-update step bound and the class floor/ceiling bound how fast and how far either moves.
interface IPricingOracle is IPricingFeed {
    /// @notice Configuration and state of one size class (4 storage slots).
    /// @param baseRate wei of QUIV per job when demand equals supply
    /// @param floor lowest reference price (wei, > 0)
    /// @param ceiling highest reference price (wei)
    /// @param price current reference price (wei)
    /// @param demandEma smoothed demand per update interval: settled jobs weighted by price / reference price, 18
    /// decimals
    /// @param supplyEma smoothed supply per update interval: each settled job's weight times its counted bids, 18
    /// decimals
    /// @param pendingDemand demand since the last update, 18 decimals (saturates at (2^64 - 1) x 10^18)
    /// @param pendingSupply supply since the last update, 18 decimals (saturates at (2^64 - 1) x 10^18)
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
    /// @notice The marketplace reported a settled job of `sizeClass`, counted as `demand` and `supply` (18 decimals,
    /// before saturation). Its price and bids are in the marketplace's `JobSettled` and `BidRevealed` events.
    event SettlementRecorded(uint8 indexed sizeClass, uint256 demand, uint256 supply);
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

    /// @notice Role that records settlements (the marketplace).
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
